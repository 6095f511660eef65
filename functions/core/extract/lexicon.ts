/**
 * Word lists of the extractor: weapons, targets, strike and damage cues, victim cues, and the
 * casualty keywords around numbers. Kept apart from the logic so they can grow with the corpus.
 */

/** Weapon patterns → the label reported in events, most specific first. */
export const WEAPONS: Array<[RegExp, string]> = [
  [/\bFAB-?(\d{3,4})\b/g, "FAB-$1"],
  [/\bKAB-?(\d{3,4})\b/g, "KAB-$1"],
  [
    /\b(?:guided|glide|gliding|guided aviation|guided aerial|corrected) (?:aerial |aviation |air )?bombs?\b|\bKABs?\b|\bUMPK\b/gi,
    "guided aerial bomb",
  ],
  [/\bcluster (?:munitions?|bombs?)\b/gi, "cluster munition"],
  [/\b(?:aerial|air|aviation) bombs?\b|\bbombs?\b(?! shelter)|\bbombing\b|\bbombed\b/gi, "aerial bomb"],
  [/\bcruise missiles?\b|\bKh-101\b|\bKh-555\b|\bKalibr\b|\bKh-59\b|\bKh-69\b/gi, "cruise missile"],
  [
    /\bballistic missiles?\b|\bIskander(?:-M)?\b|\bKN-23\b|\bKh-47\b|\bKinzhal\b|\bOreshnik\b|\bATACMS\b/gi,
    "ballistic missile",
  ],
  [/\bS-300\b|\bS-400\b/g, "S-300/S-400 missile"],
  [/\bmissiles?\b|\bmissile strikes?\b/gi, "missile"],
  [
    /\bShahed(?:-\d+)?s?\b|\bGeran(?:-\d)?s?\b|\bkamikaze drones?\b|\bloitering munitions?\b/gi,
    "Shahed drone",
  ],
  [/\bFPV drones?\b|\bFPVs?\b/gi, "FPV drone"],
  [/\bdrones?\b|\bUAVs?\b|\bunmanned aerial vehicles?\b/gi, "drone"],
  [
    /\bMLRS\b|\bmultiple(?:-launch)? rocket(?: launchers?| systems?)?\b|\bGrad\b|\bUragan\b|\bSmerch\b|\bHIMARS\b|\bTornado-S\b/g,
    "MLRS",
  ],
  [/\bartillery\b|\bshelling\b|\bshelled\b|\bhowitzers?\b/gi, "artillery"],
  [/\bmortars?\b/gi, "mortar"],
  [/\brockets?\b/gi, "rocket"],
];

/** Target patterns → label. */
export const TARGETS: Array<[RegExp, string]> = [
  [
    /\b(?:residential|apartment|multi-stor(?:e)?y|high-rise|tower) (?:buildings?|blocks?|complex|houses?)\b|\bapartment(?:s| blocks?| buildings?)?\b|\bblocks? of flats\b|\bhousing\b|\bresidential (?:area|areas|district|neighbou?rhoods?|quarter)\b/gi,
    "residential building",
  ],
  [/\b(?:private |family )?(?:houses|homes|house|home|dwellings?|cottages?)\b/gi, "house"],
  [/\bkindergartens?\b|\bnursery schools?\b|\bpreschools?\b/gi, "kindergarten"],
  [/\bschools?\b|\blyceum\b|\bgymnasium\b/gi, "school"],
  [
    /\b(?:children's )?hospitals?\b|\bclinics?\b|\bmaternity\b|\bmedical (?:facility|centre|center)\b/gi,
    "hospital",
  ],
  [/\buniversity\b|\bcollege\b|\binstitute\b|\bacademy\b/gi, "university"],
  [
    /\bmarkets?\b|\bsupermarkets?\b|\bshopping (?:centre|center|mall)\b|\bmall\b|\bstores?\b|\bshops?\b|\bhypermarket\b|\bpizzeria\b|\brestaurants?\b|\bcaf[eé]s?\b/gi,
    "commercial",
  ],
  [
    /\b(?:power|energy|electricity|heating|thermal|hydroelectric|gas) (?:infrastructure|facilit(?:y|ies)|plants?|stations?|grid|network|substations?|lines?)\b|\bsubstations?\b|\bpower plants?\b|\benergy\b/gi,
    "energy",
  ],
  [
    /\b(?:railway|train|railroad|bus) stations?\b|\brailway\b|\btrains?\b|\bbuses\b|\bbus\b|\btram\b|\bminibus\b/gi,
    "transport",
  ],
  [/\bports?\b|\bgrain (?:terminal|infrastructure|silos?)\b|\bharbou?r\b/gi, "port"],
  [/\bchurch(?:es)?\b|\bcathedral\b|\bmonastery\b/gi, "church"],
  [
    /\bsports? (?:centre|center|complex|facility)\b|\bice rink\b|\bstadium\b|\bplayground\b|\bpark\b/gi,
    "public space",
  ],
  [
    /\b(?:industrial|enterprise|factory|factories|plant|warehouse|warehouses|depot|oil depot|refinery|fuel depot|infrastructure facility)\b/gi,
    "industrial",
  ],
  [/\bcars?\b|\bvehicles?\b|\bgarages?\b/gi, "vehicle"],
  [
    /\bmilitary (?:sites?|installations?|facilit(?:y|ies)|infrastructure|targets?|airfields?|bases?|units?)\b|\bairfields?\b|\bair base\b|\btraining ground\b|\bcommand (?:post|centre|center)s?\b|\bdecision-making cent(?:er|re)s?\b/gi,
    "military site",
  ],
  [
    /\badministrative buildings?\b|\boffice buildings?\b|\bcity hall\b|\bofficial buildings?\b/gi,
    "administrative building",
  ],
];

/** A strike happened: attack words, weapons, explosions. */
export const STRIKE_CUE =
  /\b(?:strikes?|struck|attack(?:s|ed|ing)?|hit|hits|hitting|shell(?:s|ed|ing)|bomb(?:s|ed|ing)?|bombard\w*|missiles?|drones?|Shaheds?|rockets?|artillery|explosions?|blasts?|air ?raids?|airstrikes?|raids?|barrage|debris|shrapnel|munitions?|projectiles?|onslaught|assaults?|UAVs?|MLRS|KABs?|FAB-\d+|fired|launched|opened fire|gunfire|shooting|mortars?)\b/i;

/** Damage was done somewhere. */
export const DAMAGE_CUE =
  /\b(?:hit|hits|struck|damag(?:e|ed|ing)|destroy(?:ed|ing)?|destruction|collaps(?:e|ed)|caught fire|ablaze|on fire|fires? broke out|set fire|burn(?:ed|t|ing)|ruin(?:s|ed)|razed|rubble|shattered|blown out|gutted|flattened|wrecked|landed on|fell on|crashed into|impact(?:ed)?)\b/i;

/** A sentence about an earlier, separate attack (its figures belong to another incident). */
export const PAST_EVENT =
  /\b(?:came (?:a day|\w+ days|a week|\w+ weeks|hours|a month|\w+ months) after|(?:a day|\w+ days|a week|\w+ weeks|a month) (?:earlier|before|ago)|last (?:week|month|year)|the previous (?:day|week|month|night)|(?:a|an) (?:similar|separate) (?:attack|strike) (?:on|in)\b|earlier (?:attacks?|strikes?|this (?:week|month|year))|(?:last|previous) (?:week|month|year)['’]s|(?:a|an|the) (?:previous|earlier|prior) (?:attack|strike)|(?:attack|strike)s? (?:last|earlier this) (?:week|month|year)|(?:last|earlier this) (?:week|month|year),? (?:a|an|the) (?:strike|attack)|in (?:19|20)\d\d\b)/i;

/** Words after a figure that make it a total over a period, not one strike's toll. */
export const AGGREGATE_AFTER =
  /^[^.;]{0,80}?\b(?:during the (?:siege|occupation|war|invasion|battle)|under (?:the )?siege|since the (?:siege|invasion|war) began|over the past (?:week|month|fortnight)|in the past (?:week|fortnight)|this week|in a week|over the week(?:end)?|in (?:seven|7|\w+) days|in the first (?:week|month)|since the (?:start|beginning) of|since (?:February|the full-scale|20\d\d)|so far this (?:year|month)|over the past (?:year|\w+ months|\w+ weeks)|in the past (?:year|month)|this year|last year|during the war|in total since)\b/i;

/** A toll over a period longer than a day, said anywhere in its sentence: no strike's. */
export const PERIOD_CUE =
  /\b(?:since (?:\w+['’]s |the )?(?:offensive|invasion|war|assault|incursion|occupation|siege) (?:began|started)|since (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|over (?:the )?(?:past |last )?(?:week|month|fortnight|year)|(?:in|during|within) (?:the )?(?:past |last |one |a )?(?:week|month|fortnight)|since (?:the )?(?:year beginning|beginning of the year|start of the year|start of (?:the )?(?:conflict|war|invasion))|over the past (?:week|month|fortnight|year|\w+ (?:days|weeks|months))|in the past (?:week|month|year|\w+ (?:days|weeks|months))|over (?:the )?last (?:week|month|\w+ days)|during the (?:siege|occupation|week)|since the (?:start|beginning) of the (?:war|invasion|year|month)|since (?:february|24 february|the full-scale)|so far this|in (?:\w+|\d+) days\b|on (?:at least |more than |over )?\w+ (?:occasions|separate occasions)|per week|weekly|monthly|in total)\b/i;

/** A region's or a city's toll over a day: a daily toll, never one strike's. */
export const DAILY_CUE =
  /\b(?:over the (?:past|last) (?:day|24 hours)|in the (?:past|last) (?:day|24 hours)|during the past (?:day|24 hours)|(?:past|last) 24 hours|in (?:a|one|a single) day|within a day|over the day|per day|in the course of the day)\b/i;

/** Words after a quantity that make it a death toll. */
export const KILLED_AFTER =
  /^(?:\s+(?:[\w’'-]+\s+){0,9}?|[\s,]+(?:[\w’'-]+[\s,]+){0,7}?)(?:(?:were|was|have been|has been|had been|are|is|being|now|reportedly|confirmed|left|lay|found)\s+)*(?:killed|dead|died|dies|die|deaths?|lost (?:their|his|her) li(?:ves|fe)|perished|fatalit(?:y|ies)|fatally|bodies|lives were lost|among the (?:dead|killed|victims|fatalities))\b/i;
export const INJURED_AFTER =
  /^(?:\s+(?:[\w’'-]+\s+){0,9}?|[\s,]+(?:[\w’'-]+[\s,]+){0,7}?)(?:(?:were|was|have been|has been|had been|are|is|being|now|reportedly|confirmed|left|sustained|suffered|received)\s+)*(?:wounded|injured|hurt|injuries|wounds|hospitali[sz]ed|among the (?:injured|wounded)|(?:taken|rushed|admitted) to (?:the )?hospitals?|in hospital|required medical|needed medical|sought medical|treated)\b/i;
export const COMBINED_AFTER =
  /^(?:[\s,]+(?:[\w’'-]+[\s,]+){0,5}?)(?:(?:were|was|have been|has been|had been|are|is|being|reportedly)\s+)*(?:(?:killed|dead) (?:and|or|and\/or) (?:wounded|injured|hurt)|(?:wounded|injured) (?:and|or) (?:killed|dead)|casualties|victims)\b/i;

/** Words just before a quantity that make it a death toll / an injury count. */
export const KILLED_BEFORE =
  /(?:\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|fatalities|people killed|those killed|victims|people who (?:were killed|died)))\b[^.;]{0,140}?\b(?:to|at|of|reached|hit|stands|stood|is|was)|\bamong the (?:dead|killed|victims|fatalities)(?: (?:were|was|are|is))?|\bkill(?:ed|ing|s)?|\bclaimed the li(?:ves|fe) of|\bli(?:ves|fe) of|\bdeaths? of|\bdeath toll\b(?:[\s\w]{0,30}?)\b(?:to|at|of|reached|is|was|hit)|\btoll\s+(?:\w+\s+){0,3}?(?:to|at|of|reached)|\bbodies of|\bdead(?: rose to| reached| climbed to)?|\bfatalities(?: rose to)?|\bkilled:|\bdead:)\s*$/i;
export const INJURED_BEFORE =
  /(?:\bnumber of (?:the )?(?:injured|wounded|people (?:injured|wounded|hurt))\b[^.;]{0,60}?\b(?:to|at|reached|stands|stood|is|was)|\bamong the (?:injured|wounded)(?: (?:were|was|are|is))?|\bwound(?:ed|ing|s)?|\binjur(?:ed|ing|es|e|ies to|y of|ies of|ies|y to)|\bhurt(?:ing|s)?|\bhospitali[sz](?:ed|ing)|\bnumber of (?:the )?(?:injured|wounded)(?: rose| climbed| increased)? to|\binjured (?:rose|climbed|increased) to|\binjured:|\bwounded:)\s*$/i;
export const COMBINED_BEFORE =
  /(?:\bcasualties(?: rose to)?|\bkilled (?:or|and) injured|\bkilled (?:or|and) wounded)\s*$/i;
/** A rising toll right before a figure: it replaces the earlier ones for the same place ("had stood at" is an earlier figure). */
export const TOLL_RISE =
  /(?<!\bhad\s)\b(?:rose|risen|rises|climbed|climbs|increased|grew|jumped|reached|stands at|now stands at|is now)\s+(?:(?:overnight|again|further|sharply|on \w+)\s+)?(?:to\s+|at\s+)?$/i;

/** Words before a figure that put it in another, earlier attack ("a week after a strike that killed 21"). */
export const PAST_BEFORE =
  /\b(?:(?:a|one|two|three|four|five|six|seven|\d+|several|few) (?:days?|weeks?|months?|years?) (?:after|before)|after (?:a|an|the) (?:similar|previous|earlier) (?:attack|strike)|(?:last|previous) (?:week|month)['’]s)\b[^.;]*$/i;

/** A figure in a clause that says what could have happened. */
export const HYPOTHETICAL_BEFORE =
  /\b(?:could|would|might|may)\s+(?:have\s+)?(?:killed|kill|injured|injure|wounded|been)\b[^.;]*$|^(?:Had|If)\b[^.;]*$/i;

/** Nouns right after a quantity that say who the victims were. */
export const CHILD_NOUN =
  /^\s+(?:(?:of them|of whom|among them)\s+)?(?:(?:young|little|small|school)\s+)?(?:children|child|kids|boys?|girls?|teenagers?|teens|minors|infants?|babies|baby|toddlers?|schoolchildren|pupils|newborns?|sons?|daughters?)\b/i;
export const CIVILIAN_NOUN =
  /^\s+(?:(?:other|more|local|elderly|young|innocent|ordinary|of them|of whom)\s+)*(?:civilians?|residents?|people|persons|women|men|man|woman|pensioners?|passengers?|shoppers|customers|patients|doctors|medics|nurses|rescuers|firefighters|emergency workers|workers|employees|journalists|volunteers|family members|relatives|villagers|citizens|Ukrainians|locals|drivers?|police officers|policemen)\b/i;
export const MILITARY_NOUN =
  /^\s+(?:(?:other|more|Ukrainian|Russian|North Korean|enemy|[A-Z][\w’'-]+)\s+){0,2}(?:soldiers?|troops|servicem[ae]n|service ?members|servicewomen|military personnel|personnel|fighters|militants|mercenaries|cadets|recruits|conscripts|combatants|marines|paratroopers|officers|militia|militias|militiam[ae]n|militia members?|rebels?|separatists?|insurgents?|guerrillas?)\b/i;

/** A sentence that says who the victims were; the capture is who. */
export const VICTIM_STATEMENT =
  /\b(?:casualties|victims|the dead|the killed|the injured|the wounded|those killed|those injured|those wounded)\s+(?:were|was|are|included|include)\s+((?:mostly|mainly|all|largely|chiefly|predominantly)?\s*[^.;]{0,80})/i;

/** Cues in the sentences of an event that the victims were civilians / military. */
export const CIVILIAN_CUE =
  /\b(?:civilians?|residents?|children|child|boys?|girls?|kids|bab(?:y|ies)|infants?|teenagers?|pensioners?|passengers?|shoppers|patients|families|rescuers|firefighters|medics|journalists|volunteers|residential|apartments?|homes?|houses?|hospitals?|schools?|kindergartens?|markets?|supermarkets?|shopping|bus|train station|church|playground|pizzeria|restaurant|caf[eé]|people|persons|person|women|woman|man|men|villagers|civilian)\b/i;
export const MILITARY_CUE =
  /\b(?:militia(?:m[ae]n|s| members?| fighters?)?|rebels|separatists|insurgents|guerrillas?|(?:rebel|separatist) (?:fighters?|soldiers?|commanders?)|soldiers?|troops|servicem[ae]n|service ?members|fighters|military personnel|personnel|(?:Ukrainian|Russian|enemy|armed) forces|forces of|military infrastructure|brigade|battalion|regiment|training ground|militants|mercenaries|cadets|recruits|conscripts|combatants|military (?:base|unit|airfield|facility|facilities|positions?|equipment|convoy))\b/i;

/** People who are civilians / combatants, named anywhere in a report: the last word on unattached tolls. */
export const CIVILIAN_PEOPLE =
  /\b(?:civilians?|residents?|children|child|boys?|girls?|kids|bab(?:y|ies)|infants?|toddlers?|teenagers?|pensioners?|passengers?|shoppers|patients|families|family|rescuers|firefighters|medics|journalists|volunteers|women|woman|villagers|mother|father|grandmother|grandfather|couple|worshippers|parishioners|people|persons)\b/i;
export const MILITARY_PEOPLE =
  /\b(?:soldiers?|troops|servicem[ae]n|service ?members|military personnel|mercenaries|cadets|recruits|conscripts|combatants|marines|paratroopers|militia(?:m[ae]n|s| members?| fighters?)|rebels|separatists|insurgents|(?:rebel|separatist) (?:fighters?|soldiers?|commanders?)|fighters)\b/i;

/** Combat between forces: its dead are combatants unless the text says who they were. */
export const FIGHTING_CUE =
  /\b(?:fighting|fights?|clash(?:es|ed)?|battles?|battling|combat|firefights?|skirmish(?:es)?|offensive|counteroffensive|assaults?|storm(?:ed|ing)|ambush(?:ed)?|front ?line positions?|positions|trenches)\b/i;

/** Deaths that were no strike's: accidents, weather, shootings and crimes, illness. */
export const NOT_ATTACK =
  /\b(?:storms?|snowstorm|blizzard|floods?|flooding|hurricane|heatwave|frost|froze to death|road accident|car crash|traffic accident|collision|collides|collided|lost control|crashed|faulty wiring|short circuit|plane crash|helicopter crash|drown(?:ed|ing)|shot dead|shootings?|gunman|gunmen|machine ?guns?|arrested|on suspicion|executed|executions?|tortur\w*|stabb(?:ed|ing)|murder(?:ed|s)?|assassinat\w*|executed|suicide|overdose|covid|coronavirus|pandemic|heart attack|gas explosion|gas leak|mine blast|landmine|unexploded|tripwire|bomb disposal|demining|mine clearance|clearance of (?:land)?mines)\b/i;

/** Verbs that make a place the speaker, not the target ("Kyiv said", "Moscow labeled"). */
export const ACTOR_AFTER =
  /^\s*(?:(?:['’]s\s+)?(?:forces|troops|army|regime|government|leadership|side|military(?!\s+administration)|command(?!\s+(?:post|centre|center)))\b|['’]s\s+(?:attacks?|shelling|strikes?|offensive|aggression|missiles?|drones?)\b|said|says|stated|announced|claimed|claims|accused|accuses|labell?ed|condemned|condemns|responded|retaliated|launched|fired|targeted|targets|sent|denied|denies|insisted|insists|warned|warns|vowed|pledged|has said|has accused|has denied|has claimed|has launched|will|would|wants|demanded|demands|signed|agreed|confirmed that|officials said|did not|didn['’]t|has not|had not|declined|refused|called|urged|asked|blamed|blames|calls|urges|hosted|hosts|summoned|expelled|imposed|approved|promised|plans|planned|needs|received|welcomed|thanked|told|reported that|says that|could|should|must|may|might|pulled|withdrew|invaded|annexed|occupied|seized|recognised|recognized|negotiated|offered|rejected|refused)\b/i;
/** Words after a place that make it an office's name ("the Donetsk regional administration", "Kharkiv's governor"). */
export const OFFICE_AFTER =
  /^\s*(?:['’]s\s+)?(?:regional\s+|city\s+|oblast\s+|region['’]s\s+|military\s+|district\s+)*(?:governor|mayor|prosecutor['’]?s?|prosecutors|administration|council|police|authorities|officials|head|chief|emergency services?|military administration|hospitals? said)\b/i;
/** Words before a place that make it an office's name ("governor of the Donetsk region"). */
export const OFFICE_BEFORE =
  /(?:\bgovernor|\bmayor|\bhead|\bchief|\badministration|\bauthorities|\bpolice|\bprosecutors?|\bofficials|\bcouncil)\s+of\s+(?:the\s+)?$/i;
/** Words before a place that make it not a target ("a visit to Kyiv", "launched from Belgorod"). */
export const NOT_TARGET_BEFORE =
  /(?:\b(?:hospitals?|clinics?|morgues?) in|\b(?:taken|flown|rushed|brought|transferred|airlifted|moved) to(?: (?:a |the )?hospitals? in)?|\bfrom|\bvisit(?:ed|s|ing)? to|\bvisit(?:ed|ing)?|\btrip to|\btravell?ed to|\bsummit in|\btalks in|\bmeeting in|\bflew to|\barrived in|\breturned to|\bwithdr[ae]wn? from|\bretreated from|\bevacuated to|\bfled to|\bmoved to|\bdeployed to|\bsent to|\bbased in|\bheadquartered in|\btowards?|\bdirection of|\bborn in|\bstudied in|\bembassy in|\bcourt in|\bsentenced in)\s+(?:the\s+)?(?:city of\s+|region of\s+|town of\s+)?$/i;
/** A place named only as the reference point of another ("Chornomorsk, south of Odesa"; "Myrnohrad, near Pokrovsk"). */
export const REFERENCE_BEFORE =
  /,\s+(?:(?:just|some|about|roughly)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?(?:\s+of)?|near|outside|close to|not far from|on the outskirts of|from)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$/i;

/** A locative before a place: what happened, happened there. */
export const LOCATIVE_BEFORE =
  /(?:\bin|\bon|\bat|\bnear|\boutside|\bacross|\bover|\binto|\bof|\bhit|\bstruck|\bshelled|\btargeting|\btargeted|\bpounded|\bbombed|\battacked)\s+(?:the\s+)?(?:(?:city|town|village|region|oblast|province|district|settlement|outskirts|centre|center|suburbs?|port city|frontline city|border city|border town|regional capital|capital)\s+of\s+)?(?:the\s+)?$/i;

/** Verbs of saying: the attribution phrases that end in one. */
const SAYS = /said|says|stated|reported|confirmed|announced|claimed|wrote|posted/;

/**
 * Attribution phrases, in order; the first capture group that matched names who claims it. `needs` is a cheap test
 * every match of the phrase passes: most sentences fail it and are spared the phrase.
 */
export const ATTRIBUTION: Array<{ phrase: RegExp; needs?: RegExp }> = [
  {
    phrase:
      /\baccording to (?:a |an |the )?((?:[A-Z][\w’'.-]*|of|the|and|for|[’']s)(?:\s+(?:[A-Z][\w’'.-]*|of|the|and|for|Oblast|regional|military|state|defen[cs]e|ministry|administration|police|service|news agency|agency|officials?|governor|mayor))*)/,
  },
  {
    phrase:
      /\b(?:in a statement to|told|reported by|cited by|quoted by|speaking to|said in a statement to)\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)/,
  },
  {
    phrase:
      /\b((?:[Tt]he\s+)?(?:Russian|Ukrainian|Ukraine[’']s|Russia[’']s|regional|local|city|state)?\s*(?:[Dd]efen[cs]e [Mm]inistry|[Mm]inistry of [Dd]efen[cs]e|[Ee]mergency [Ss]ervices?|[Ss]tate [Ee]mergency [Ss]ervice|[Ii]nterior [Mm]inistry|[Pp]rosecutor[’']s [Oo]ffice|[Aa]ir [Ff]orce|[Gg]eneral [Ss]taff|(?:regional |military )*[Aa]dministration|police))\b[^.;]{0,30}?\b(?:said|says|stated|reported|confirmed|announced|claimed)/,
    needs: SAYS,
  },
  {
    phrase:
      /\b((?:Governor|Mayor|Head|Regional Governor|Interior Minister|Minister|President|Prime Minister|Spokesperson|Spokesman)\s+(?:[A-Z][\w’'-]+\s*){1,3})(?:\s+(?:said|says|stated|reported|confirmed|announced|wrote|posted|claimed))/,
    needs: SAYS,
  },
  {
    phrase:
      /^((?:Russia|Ukraine|Moscow|Kyiv|Russian officials|Ukrainian officials))\s+(?:accused|claimed|said|says|reported)\b/,
  },
  {
    phrase:
      /\b((?:RIA Novosti|TASS|Interfax|Ukrinform|Suspilne|Reuters|AP|AFP|RBC|Ukrainska Pravda|Kyiv Independent))\b/,
  },
];
