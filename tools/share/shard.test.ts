import { describe, expect, it } from "vitest"
import { installedRoot } from "#workspace"
import { languageProjects, parseShard, shard } from "./shard.ts"

// sha256 of each name, first 8 hex digits (from `echo -n <name> | sha256sum`): afr_Latn 48c99f43, eng_Latn ac26e62f,
// tha_Thai ada8e121, amh_Ethi d8648d0c; so the ranks are afr 0, eng 1, tha 2, amh 3.
const projects = ["amh_Ethi", "afr_Latn", "eng_Latn", "tha_Thai"]

describe("hash shards", () => {
  it("deal the projects out in the order of their names' sha256, keeping the given order within a shard", () => {
    expect(shard(projects, 1, 2)).toEqual(["afr_Latn", "tha_Thai"])
    expect(shard(projects, 2, 2)).toEqual(["amh_Ethi", "eng_Latn"])
    expect(shard(projects, 1, 3)).toEqual(["amh_Ethi", "afr_Latn"])
    expect(shard(projects, 2, 3)).toEqual(["eng_Latn"])
    expect(shard(projects, 3, 3)).toEqual(["tha_Thai"])
    expect(shard(projects, 1, 1)).toEqual(projects)
  })

  it("split the 91 languages 46 and 45, each language in exactly one shard", () => {
    const languages = languageProjects(installedRoot)
    expect(languages).toHaveLength(91)
    const [first, second] = [shard(languages, 1, 2), shard(languages, 2, 2)]
    expect([first.length, second.length]).toEqual([46, 45])
    expect([...first, ...second].sort()).toEqual(languages)
  })

  it("are written index/count, 1 <= index <= count", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 })
    for (const text of ["0/2", "3/2", "1", "1/0", "a/b", "1/2/3"]) expect(() => parseShard(text)).toThrow(/index\/count/)
  })
})
