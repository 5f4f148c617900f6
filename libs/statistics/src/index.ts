export { scriptStatisticsCsv, statisticsCsv } from "./csv.ts"
export { languageStatistics, type LanguageStatisticsInput } from "./language.ts"
export { scriptStatistics } from "./script.ts"
