import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { parseDeclaration, readUdhr, udhrCodes } from "./udhr.ts"

describe("readUdhr", () => {
  it.effect.each(["eng", "afr", "tha", "cmn_hans"])("reads the preamble and 30 articles of %s", (code) =>
    Effect.gen(function*() {
      const documents = yield* readUdhr(code)
      assert.strictEqual(documents.length, 31)
      assert.strictEqual(documents[0].id, `udhr-${code}-preamble`)
      assert.deepStrictEqual(
        documents.slice(1).map((document) => document.id),
        Array.from({ length: 30 }, (_, index) => `udhr-${code}-article-${index + 1}`)
      )
      for (const document of documents) {
        assert.isAbove(document.text.length, 0)
        assert.notMatch(document.text, /[<>]|&#?\w+;/)
        assert.isNull(document.url)
      }
    }))

  it.effect("keeps paragraphs and list items, one per line, without headings", () =>
    Effect.gen(function*() {
      const documents = yield* readUdhr("eng")
      const article = (n: number) => documents.find((document) => document.id === `udhr-eng-article-${n}`)!.text
      assert.strictEqual(
        article(1),
        "All human beings are born free and equal in dignity and rights. They are endowed with reason and " +
          "conscience and should act towards one another in a spirit of brotherhood."
      )
      const eleven = article(11).split("\n")
      assert.strictEqual(eleven.length, 2)
      assert.match(eleven[0], /^Everyone charged with a penal offence/)
      assert.notInclude(article(11), "Article 11")
      assert.notInclude(documents[0].text, "Preamble")
    }))

  it.effect("fails on an unknown code, naming it and the file looked for", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(readUdhr("xx_nope"))
      assert.strictEqual(error._tag, "UnknownUdhrCode")
      assert.include(error.message, "\"xx_nope\"")
      assert.match(error.message, /declaration\/xx_nope\.html$/)
    }))

  it("lists the codes of the package, sorted", () => {
    const codes = udhrCodes()
    assert.includeMembers([...codes], ["eng", "afr", "tha", "cmn_hans"])
    assert.deepStrictEqual([...codes], [...codes].sort())
  })
})

describe("parseDeclaration", () => {
  it("decodes entities, normalises white space and joins wrapped Chinese lines", () => {
    const html = `<header><h2>Preamble</h2><p>Fish &#x26; chips\n   &amp; peas &#60;3</p></header>
      <article data-number="1"><h2>第一条</h2><p>
        本宣言的任何条文，不得解释为默许任何国家
        破坏本宣言。
      </p><ol><li><p> first </p></li><li></li></ol></article>
      <article data-number="2"><h2>Only a heading</h2></article>`
    assert.deepStrictEqual(parseDeclaration("xyz", html), [
      { id: "udhr-xyz-preamble", text: "Fish & chips & peas <3", url: null },
      { id: "udhr-xyz-article-1", text: "本宣言的任何条文，不得解释为默许任何国家破坏本宣言。\nfirst", url: null }
    ])
  })
})
