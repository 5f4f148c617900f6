import type { Writing } from "#text"

/** Hand-written sample passages shared by the scoring tests: clean prose in many scripts, and web junk. */

export const prose = {
  eng_Latn:
    "The Danube flows through ten countries before it reaches the Black Sea. In 1856 the Treaty of Paris created a commission to keep the river open to shipping, and engineers from Vienna and Budapest later deepened its channel near the Iron Gates, where the water runs between steep cliffs on the border of Serbia and Romania.",
  fra_Latn:
    "La ville de Lyon se trouve au confluent du Rhône et de la Saône. Au Moyen Âge, ses foires attiraient des marchands venus d'Italie et de Flandre, et l'imprimerie y prospéra dès la fin du quinzième siècle. Aujourd'hui, le quartier du Vieux Lyon est inscrit au patrimoine mondial de l'UNESCO depuis 1998.",
  deu_Latn:
    "Die Stadt Heidelberg liegt am Neckar im Nordwesten von Baden-Württemberg. Ihre Universität wurde im Jahr 1386 gegründet und ist damit die älteste Hochschule im heutigen Deutschland. Über der Altstadt erhebt sich die Ruine des Schlosses, das im Pfälzischen Erbfolgekrieg zerstört wurde. Jedes Jahr besuchen Millionen von Touristen die Alte Brücke und den Philosophenweg am gegenüberliegenden Ufer.",
  ind_Latn:
    "Candi Borobudur terletak di Magelang, Jawa Tengah, dan dibangun pada masa Dinasti Syailendra sekitar abad kedelapan. Candi ini terdiri dari sembilan teras yang dihiasi ribuan panel relief dan ratusan arca Buddha. Setelah lama tertimbun abu vulkanik, Borobudur ditemukan kembali pada tahun 1814 oleh Thomas Stamford Raffles. Sekarang candi tersebut menjadi tujuan wisata yang paling banyak dikunjungi di Indonesia.",
  rus_Cyrl:
    "Озеро Байкал расположено в Восточной Сибири, к югу от Иркутска. Это самое глубокое озеро на планете, его глубина превышает полторы тысячи метров. В 1996 году ЮНЕСКО включило Байкал в список объектов всемирного наследия. Каждую зиму лёд на озере становится таким толстым, что по нему проезжают грузовики, а рыбаки ставят палатки прямо посреди замёрзшей воды.",
  ell_Grek:
    "Η Θεσσαλονίκη είναι η δεύτερη μεγαλύτερη πόλη της Ελλάδας και βρίσκεται στον μυχό του Θερμαϊκού κόλπου. Ιδρύθηκε το 315 π.Χ. από τον βασιλιά Κάσσανδρο, ο οποίος της έδωσε το όνομα της συζύγου του. Στη βυζαντινή εποχή η πόλη ήταν σημαντικό εμπορικό κέντρο, και σήμερα τα παλαιοχριστιανικά μνημεία της ανήκουν στον κατάλογο της UNESCO.",
  arb_Arab:
    "تقع مدينة فاس في شمال المغرب، وهي من أقدم المدن في العالم الإسلامي. أسسها إدريس الثاني في القرن التاسع الميلادي، وفيها جامعة القرويين التي أنشأتها فاطمة الفهرية عام 859. وما زالت أزقة المدينة القديمة تضم أسواقا للنحاس والجلود والتوابل، ويزورها كل عام آلاف السياح من أوروبا وآسيا.",
  hin_Deva:
    "गंगा नदी हिमालय में गंगोत्री हिमनद से निकलती है और बंगाल की खाड़ी में गिरती है। इसके किनारे वाराणसी, प्रयागराज और पटना जैसे प्राचीन नगर बसे हुए हैं। हर बारह वर्ष में प्रयागराज में कुंभ मेला लगता है, जिसमें करोड़ों श्रद्धालु स्नान करने आते हैं। भारत सरकार ने 2008 में गंगा को राष्ट्रीय नदी घोषित किया था।",
  zho_Hani:
    "长江是中国最长的河流，全长约六千三百公里，发源于青藏高原的唐古拉山脉。它流经四川、湖北、江西等十一个省份，最后在上海附近注入东海。三峡大坝位于湖北省宜昌市，于2006年建成，是世界上装机容量最大的水电站。长江流域生活着四亿多人，沿岸的武汉、南京和重庆都是重要的工业城市。",
  jpn_Jpan:
    "富士山は静岡県と山梨県の境にある日本で最も高い山で、標高は三千七百七十六メートルです。古くから信仰の対象とされ、多くの画家や詩人がその姿を作品に残してきました。葛飾北斎の浮世絵「富嶽三十六景」は特に有名です。二〇一三年には世界文化遺産に登録され、毎年夏には多くの登山者が山頂を目指します。",
  tha_Thai:
    "แม่น้ำเจ้าพระยาเป็นแม่น้ำสายสำคัญของประเทศไทย ไหลผ่านจังหวัดนครสวรรค์ อยุธยา และกรุงเทพมหานคร ก่อนจะไหลลงสู่อ่าวไทย ในสมัยอยุธยา แม่น้ำสายนี้เป็นเส้นทางค้าขายกับพ่อค้าชาวจีน ญี่ปุ่น และโปรตุเกส ปัจจุบันมีเรือด่วนเจ้าพระยาให้บริการผู้โดยสารทุกวัน และริมฝั่งแม่น้ำยังมีวัดอรุณราชวรารามซึ่งเป็นสถานที่ท่องเที่ยวที่มีชื่อเสียง",
  kor_Hang:
    "경주는 경상북도 동남부에 있는 도시로, 천 년 동안 신라의 수도였다. 이곳에는 불국사와 석굴암 같은 유적이 남아 있으며, 두 곳 모두 1995년에 유네스코 세계유산으로 등록되었다. 시내 곳곳에 있는 커다란 고분들은 신라 왕과 귀족들의 무덤으로 알려져 있다. 해마다 봄이 되면 보문호 주변에 벚꽃이 피어 많은 관광객이 찾아온다."
} as const

export const junk = {
  menu: "Home\nAbout Us\nProducts\nContact\nPrivacy Policy\nTerms of Service\nLogin\nRegister\nCart (0)\nFAQ\nBlog\nCareers",
  numbers: Array.from({ length: 40 }, (_, i) => (12.5 + i * 1.37).toFixed(2)).join(" "),
  repeated: "buy now ".repeat(40).trim(),
  fragment: "Click here to read more about our latest offers.",
  table: [
    "| Item | Qty | Price |",
    "|------|-----|-------|",
    ...Array.from({ length: 12 }, (_, i) => `| A${i + 1} | ${(i * 7) % 13 + 1} | $${(i * 3.25 + 4.99).toFixed(2)} |`)
  ].join("\n"),
  symbols: "★★★★★ ☆☆☆ ♥♥♥ >>> ### *** $$$ €€€ +++ === ~~~ ★★ ☆ ♥ >>> ### *** $$$ €€€ +++ === ~~~ ★★★ ☆☆",
  keywords: Array.from({ length: 60 }, (_, i) => ["cheap flights", "cheap hotels", "best price"][i % 3]).join(" "),
  chineseMenu: "首页 | 关于我们 | 联系我们 | 产品中心 | 新闻动态 | 登录 | 注册"
} as const

const space = (locale: string): Writing => ({ words: "space", locale })
const segmenter = (locale: string): Writing => ({ words: "segmenter", locale })

/** The writing of each prose sample, as its language.json gives it (for zho_Hani, that of cmn_Hani). */
export const proseWritings: { readonly [K in keyof typeof prose]: Writing } = {
  eng_Latn: space("en"),
  fra_Latn: space("fr"),
  deu_Latn: space("de"),
  ind_Latn: space("id"),
  rus_Cyrl: space("ru"),
  ell_Grek: space("el"),
  arb_Arab: space("ar"),
  hin_Deva: space("hi"),
  zho_Hani: segmenter("zh-Hans"),
  jpn_Jpan: segmenter("ja"),
  tha_Thai: segmenter("th"),
  kor_Hang: space("ko")
}

/** The junk is English web text, but for the Chinese menu. */
export const junkWritings: { readonly [K in keyof typeof junk]: Writing } = {
  menu: space("en"),
  numbers: space("en"),
  repeated: space("en"),
  fragment: space("en"),
  table: space("en"),
  symbols: space("en"),
  keywords: space("en"),
  chineseMenu: segmenter("zh-Hans")
}
