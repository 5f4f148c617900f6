export { type CardInput, type CardLanguage, type CardModel, datasetCard, sizeCategory } from "./card.ts"
