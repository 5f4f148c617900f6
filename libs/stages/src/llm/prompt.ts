/**
 * Fills a prompt template's `{{name}}` placeholders. A placeholder without a value is an error rather than text sent
 * to a model.
 */
export const renderPrompt = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key]
    if (value === undefined) throw new Error(`prompt placeholder {{${key}}} has no value`)
    return value
  })
