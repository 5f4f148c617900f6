/**
 * Words that tell what a capitalised name is, per language: the head nouns of organisation and place names
 * ("University", "Partido", "Ministarstvo", "River", "Bundok"), the titles that come before a person's name
 * ("President", "predsjednik") and the function words that may stand inside a name ("of", "de", "za"; not "and",
 * which as often joins two names).
 * Hand-written from each language's common names; words are listed in their dictionary form.
 */

import { scriptOf } from "#text"

export type HeadLabel =
  | "organization"
  | "company"
  | "university"
  | "political party"
  | "government body"
  | "sports team"
  | "newspaper"
  | "river"
  | "mountain"
  | "region"

export interface Cues {
  /** Head nouns (capitalised as in names, matched with their first letter in either case) and their labels. */
  readonly heads: ReadonlyMap<string, HeadLabel>
  /** Titles before a person's name, lower case. */
  readonly titles: ReadonlySet<string>
  /** Function words that join the words of a name ("of", "de"), as written inside names. */
  readonly connectors: ReadonlySet<string>
  /** Articles that may follow a connector inside a name: "Bank of the West", "Assembleia de a República". */
  readonly articles: ReadonlySet<string>
  /**
   * Names capitalise only their first word ("Hrvatska narodna banka", "Ejby kommune"), so a lower-case head noun
   * still belongs to the capitalised words before it.
   */
  readonly lowerCaseHeads: boolean
  /** Head nouns also end compounds ("Forsvarsministeriet", "Naturvårdsverket"). */
  readonly compoundHeads: boolean
  /** Noun-class prefixes written before a capitalised name, and what they mark ("uMaswana", "eKapa", "iPirates"). */
  readonly classPrefixes: ReadonlyMap<string, ClassLabel>
}

export type ClassLabel = "person" | "region" | "organization"

type Heads = Partial<Record<HeadLabel, string>>

interface Entry {
  readonly heads: Heads
  readonly titles: string
  readonly connectors: string
  readonly articles?: string
  readonly lowerCaseHeads?: boolean
  readonly compoundHeads?: boolean
  readonly classPrefixes?: Partial<Record<ClassLabel, string>>
}

/** Legal forms and sports abbreviations written the same way in every Latin-script language. */
const everywhere: Heads = {
  company: "Inc Ltd LLC LLP PLC plc GmbH AG SA NV BV Corp Co",
  "sports team": "FC AFC CF SC"
}

const english: Entry = {
  heads: {
    river: "River Creek",
    mountain: "Mount Mountain Mountains Hill Hills Volcano Peak",
    region: "Lake Bay Falls Island Islands Peninsula Valley Sea Ocean Gulf Strait Desert Springs Province County " +
      "District Canyon Coast",
    university: "University College Institute Academy School Polytechnic",
    "political party": "Party",
    "government body":
      "Ministry Department Council Committee Commission Agency Parliament Senate Congress Assembly Government " +
      "Court Police Army Navy Bureau Authority Administration Cabinet",
    company: "Bank Corporation Company Group Airlines Airways Motors Industries Holdings Enterprises Technologies " +
      "Systems Partners Associates",
    "sports team": "Rovers",
    newspaper: "Times Post Journal Herald Tribune Gazette Chronicle",
    organization: "Association Society Foundation Union Federation League Organization Organisation Alliance " +
      "Movement Institute Church Network Coalition Front Club Fund Trust Nations"
  },
  titles: "mr mrs ms miss dr prof sir lady lord president minister senator governor mayor king queen prince " +
    "princess pope general colonel captain judge chancellor secretary sen gov rep rev ambassador premier sheikh",
  connectors: "of for &",
  articles: "the"
}

const danish: Entry = {
  heads: {
    region: "Sø Fjord Ø Bugt Amt",
    university: "Universitet Universitetet Højskole Akademi Akademiet Institut Instituttet",
    "political party": "Parti Partiet",
    "government body": "Ministeriet Ministerium Kommune Kommunen Amt Amtsråd Region Regionen Styrelsen " +
      "Direktoratet Rådet Folketinget Regeringen Landsret Byret Politi Forsvaret",
    company: "Bank Banken Sparekasse A/S ApS Forlag Forlaget",
    "sports team": "Boldklub Boldklubben IF BK",
    newspaper: "Tidende Avis Posten",
    organization: "Forening Foreningen Forbund Forbundet Fond Fonden Selskab Selskabet Klub Klubben Union Unionen"
  },
  titles: "hr fru dr statsminister minister præsident borgmester formand direktør dronning konge prins prinsesse " +
    "biskop professor",
  connectors: "for af",
  lowerCaseHeads: true,
  compoundHeads: true
}

const swedish: Entry = {
  heads: {
    river: "Älv Älven Å Ån",
    mountain: "Berg Berget Fjäll Fjället",
    region: "Sjö Sjön Ö Ön Fjärd Län Landskap Dal Dalen",
    university: "Universitet Universitetet Högskola Högskolan Akademi Akademien Institut Institutet",
    "political party": "Parti Partiet",
    "government body": "Departementet Verket Styrelsen Kommun Kommunen Landsting Landstinget Riksdag Riksdagen " +
      "Regeringen Domstol Domstolen Polisen Försvarsmakten",
    company: "AB Bank Banken Aktiebolag Group Gruppen Förlag Förlaget",
    "sports team": "IF IK BK FF",
    newspaper: "Tidning Tidningen Bladet Posten Dagblad",
    organization: "Förening Föreningen Förbund Förbundet Centralförbund Centralförening Stiftelse Stiftelsen " +
      "Sällskap Sällskapet Klubb Klubben"
  },
  titles: "herr fru dr statsminister minister president borgmästare ordförande direktör kung drottning prins " +
    "prinsessa biskop professor",
  connectors: "för av",
  lowerCaseHeads: true,
  compoundHeads: true
}

/** Croatian, Serbian (Latin) and Bosnian share these words; heads are nominatives, inflection finds the rest. */
const southSlavic: Entry = {
  heads: {
    river: "Rijeka Reka",
    mountain: "Planina Gora",
    region: "Jezero Otok Ostrvo More Zaljev Županija Pokrajina Dolina Poluotok",
    university: "Sveučilište Univerzitet Fakultet Akademija Institut Škola",
    "political party": "Stranka Partija",
    "government body": "Ministarstvo Vlada Vijeće Veće Sabor Skupština Parlament Sud Komisija Povjerenstvo " +
      "Agencija Ured Odbor Policija Vojska Tribunal Uprava",
    company: "Banka Kompanija Tvrtka",
    "sports team": "Klub",
    organization: "Savez Unija Udruga Udruženje Organizacija Zajednica Fond Crkva Pokret Zaklada Klan"
  },
  titles: "g gđa dr predsjednik predsjednica predsednik predsednica premijer ministar ministrica gradonačelnik " +
    "veleposlanik ambasador general kralj kraljica papa profesor",
  connectors: "za u protiv",
  lowerCaseHeads: true
}

const westSlavic: Entry = {
  heads: {
    river: "Rieka Řeka",
    mountain: "Pohorie Pohoří Vrch Hora",
    region: "Jazero Jezero Ostrov More Moře Záliv Kraj Údolie Polostrov Nížina",
    university: "Univerzita Univerzite Fakulta Akadémia Akademie Inštitút Institut Škola",
    "political party": "Strana Hnutie Hnutí",
    "government body": "Ministerstvo Vláda Rada Snem Sněmovna Snemovňa Parlament Súd Soud Komisia Komise Úrad Úřad " +
      "Výbor Zbor Polícia Policie Armáda",
    company: "Banka Spoločnosť Společnost",
    "sports team": "Klub",
    organization: "Zväz Svaz Únia Unie Organizácia Organizace Cirkev Církev Nadácia Nadace Spolok Spolek"
  },
  titles: "pán pani paní dr prezident prezidentka premiér minister ministr ministerka ministryně primátor starosta " +
    "veľvyslanec velvyslanec generál kráľ král kráľovná královna pápež papež profesor",
  connectors: "pre pro v za",
  lowerCaseHeads: true
}

const portuguese: Entry = {
  heads: {
    river: "Rio",
    mountain: "Monte Serra Pico",
    region: "Lago Lagoa Ilha Ilhas Baía Praia Golfo Vale Península Oceano Mar Estado Província Rua Avenida Praça",
    university: "Universidade Faculdade Instituto Academia Escola Colégio",
    "political party": "Partido",
    "government body": "Ministério Governo Câmara Conselho Comissão Assembleia Senado Congresso Tribunal Polícia " +
      "Prefeitura Secretaria Agência Departamento Exército Marinha Presidência Procuradoria",
    company: "Banco Companhia Empresa Grupo Ltda S.A.",
    "sports team": "Clube Futebol Esporte",
    newspaper: "Jornal Folha Diário Gazeta",
    organization: "Associação Federação Fundação Sociedade Sindicato Liga Igreja Confederação Ordem Movimento União " +
      "Organização Comunidade"
  },
  titles: "sr sra dr dra presidente ministro ministra governador governadora prefeito prefeita deputado deputada " +
    "senador senadora rei rainha papa general professor professora",
  connectors: "de da do dos das para em",
  articles: "a o as os"
}

const spanish: Entry = {
  heads: {
    river: "Río",
    mountain: "Monte Sierra Cerro Pico Volcán",
    region: "Lago Laguna Isla Islas Bahía Playa Golfo Valle Península Océano Mar Provincia Calle Avenida Plaza",
    university: "Universidad Facultad Instituto Academia Escuela Colegio",
    "political party": "Partido",
    "government body": "Ministerio Gobierno Cámara Consejo Comisión Asamblea Senado Congreso Tribunal Policía " +
      "Secretaría Agencia Departamento Ejército Armada Presidencia Ayuntamiento Junta",
    company: "Banco Compañía Empresa Grupo S.A. S.L.",
    "sports team": "Club Deportivo Atlético Real",
    newspaper: "Diario Periódico",
    organization: "Asociación Federación Fundación Sociedad Sindicato Liga Iglesia Confederación Orden Movimiento " +
      "Unión Organización Comunidad"
  },
  titles: "sr sra dr dra presidente presidenta ministro ministra gobernador gobernadora alcalde alcaldesa diputado " +
    "diputada senador senadora rey reina papa general profesor profesora",
  connectors: "de del para en",
  articles: "la las los el"
}

const french: Entry = {
  heads: {
    mountain: "Mont Massif Pic",
    region: "Lac Île Îles Baie Golfe Vallée Péninsule Océan Mer Province Rue Avenue Place Boulevard",
    university: "Université Faculté Institut Académie École Lycée Collège",
    "political party": "Parti",
    "government body": "Ministère Gouvernement Conseil Commission Assemblée Sénat Parlement Tribunal Cour Police " +
      "Gendarmerie Agence Direction Armée Préfecture Mairie",
    company: "Banque Compagnie Société Groupe SARL SAS",
    "sports team": "Olympique Racing Stade",
    organization: "Association Fédération Fondation Syndicat Ligue Église Confédération Ordre Mouvement Union " +
      "Organisation Communauté"
  },
  titles: "m mme mlle dr président présidente ministre gouverneur maire député députée sénateur sénatrice roi reine " +
    "pape général professeur",
  connectors: "de du des pour",
  articles: "la le les"
}

const italian: Entry = {
  heads: {
    river: "Fiume",
    mountain: "Monte Monti Vulcano",
    region: "Lago Isola Isole Baia Golfo Valle Penisola Oceano Mare Provincia Via Piazza",
    university: "Università Facoltà Istituto Accademia Scuola Politecnico",
    "political party": "Partito",
    "government body": "Ministero Governo Camera Consiglio Commissione Assemblea Senato Parlamento Tribunale Corte " +
      "Polizia Carabinieri Agenzia Dipartimento Esercito Regione Comune Prefettura",
    company: "Banca Compagnia Società Gruppo S.p.A. Srl",
    "sports team": "Calcio",
    organization: "Associazione Federazione Fondazione Sindacato Lega Chiesa Confederazione Ordine Movimento Unione " +
      "Organizzazione Comunità"
  },
  titles: "sig sig.ra dott dr presidente ministro ministra governatore sindaco deputato deputata senatore senatrice " +
    "re regina papa generale professore professoressa",
  connectors: "di del della dei delle degli per",
  articles: "la il lo i gli le"
}

const dutch: Entry = {
  heads: {
    river: "Rivier",
    mountain: "Berg",
    region: "Meer Eiland Baai Golf Vallei Zee Oceaan Provincie Straat Plein",
    university: "Universiteit Hogeschool Academie Instituut School",
    "political party": "Partij",
    "government body": "Ministerie Regering Kabinet Raad Commissie Kamer Senaat Parlement Rechtbank Hof Politie " +
      "Agentschap Dienst Leger Gemeente Provincie",
    company: "Bank Maatschappij Groep",
    organization: "Vereniging Federatie Stichting Genootschap Bond Unie Kerk Beweging Organisatie"
  },
  titles: "dhr mevr dr drs ir prof president premier minister gouverneur burgemeester koning koningin prins prinses " +
    "paus generaal",
  connectors: "van voor",
  articles: "de der het"
}

const tagalog: Entry = {
  heads: {
    river: "Ilog",
    mountain: "Bundok Bulkang Bulkan",
    region: "Lawa Talon Isla Pulo Look Lalawigan Probinsya Lungsod Bayan Rehiyon",
    university: "Unibersidad Pamantasan Kolehiyo Paaralan",
    "political party": "Partido",
    "government body": "Kagawaran Kongreso Senado Kamara Korte Pamahalaan Hukbo Pulisya Komisyon Tanggapan",
    company: "Bangko Kompanya Korporasyon",
    organization: "Samahan Kapisanan Simbahan Liga Unyon"
  },
  titles: "g gng bb dr pangulo presidente senador gobernador alkalde kalihim heneral hari reyna papa propesor",
  connectors: "ng para"
}

const swahili: Entry = {
  heads: {
    river: "Mto",
    mountain: "Mlima Milima",
    region: "Ziwa Bahari Kisiwa Visiwa Mkoa Wilaya Jiji Kaunti Ghuba Bonde",
    university: "Chuo",
    "political party": "Chama",
    "government body": "Wizara Serikali Bunge Mahakama Baraza Tume Halmashauri Mamlaka Jeshi Polisi Idara Ofisi",
    company: "Benki Kampuni",
    "sports team": "Klabu Timu",
    organization: "Shirika Umoja Jumuiya Taasisi Muungano Kanisa Mfuko Chuo"
  },
  titles: "bw bi dk dkt rais waziri mbunge jaji mkuu mwenyekiti balozi meya gavana mfalme malkia papa profesa " +
    "mheshimiwa",
  connectors: "cha ya wa la za kwa"
}

/**
 * isiXhosa: the prefix of a capitalised name tells its class. Personal names take class 1a "u" (with the copula
 * "ngu", the associative "no", the possessive "ka" and their compounds); places the locative "e" and "-ase"
 * ("yase", "wase": of, at); organisations class 5/9 "i" and the concords that agree with it ("we", "ye", "kwi").
 */
const xhosa: Entry = {
  heads: {},
  titles: "mnu nkosk nksz gqr njing mphathiswa",
  connectors: "",
  classPrefixes: {
    person: "u ngu no ka kuka lika baka neka",
    region: "e yase wase lase ase base sase zase nase obuse use lwase",
    organization: "i we kwi yi be ye kwe le ze ne"
  }
}

const table: Readonly<Record<string, Entry>> = {
  en: english,
  da: danish,
  nb: danish,
  sv: swedish,
  hr: southSlavic,
  sr: southSlavic,
  bs: southSlavic,
  sk: westSlavic,
  cs: westSlavic,
  pt: portuguese,
  es: spanish,
  fr: french,
  it: italian,
  nl: dutch,
  fil: tagalog,
  tl: tagalog,
  sw: swahili,
  xh: xhosa
}

const words = (list: string | undefined) => (list ?? "").split(" ").filter((word) => word !== "")

const cache = new Map<string, Cues>()

/**
 * The cues of a (canonical) BCP 47 tag. Every Latin-script language also gets the legal forms, the sports
 * abbreviations and the English head nouns, after its own: running text in many languages names English
 * organisations and places as they are ("Kenya Airways", "Maria Cristina Falls").
 */
export const cuesFor = (lang: string): Cues => {
  const cached = cache.get(lang)
  if (cached !== undefined) return cached
  const entry: Entry = table[new Intl.Locale(lang).language] ?? { heads: {}, titles: "", connectors: "" }
  const heads = new Map<string, HeadLabel>()
  const fallback = scriptOf(lang) === "Latn" ? [everywhere, english.heads] : []
  for (const entryHeads of [entry.heads, ...fallback]) {
    for (const [label, list] of Object.entries(entryHeads) as Array<[HeadLabel, string]>) {
      for (const word of words(list)) if (!heads.has(word)) heads.set(word, label)
    }
  }
  const cues = {
    heads,
    titles: new Set(words(entry.titles)),
    connectors: new Set(words(entry.connectors)),
    articles: new Set(words(entry.articles)),
    lowerCaseHeads: entry.lowerCaseHeads ?? false,
    compoundHeads: entry.compoundHeads ?? false,
    classPrefixes: new Map(
      Object.entries(entry.classPrefixes ?? {}).flatMap(([label, list]) =>
        words(list).map((prefix) => [prefix, label as ClassLabel] as const)
      )
    )
  }
  cache.set(lang, cues)
  return cues
}
