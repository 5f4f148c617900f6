import { Effect } from "effect"

/** What one synthesize run asks for (Kamath and Vajjala's m, n and k). */
export interface SynthesizeOptions {
  /** A gold set id of the registry in `libs/gold`. */
  readonly set: string
  /** The folder the registry's paths are relative to; null: where evaluate finds it (`FINERWEB_GOLD_DIR` or config). */
  readonly goldDir: string | null
  /** m: gold examples shown in each prompt. */
  readonly examples: number
  /** n: new data points asked for in each call. */
  readonly points: number
  /** k: calls. */
  readonly calls: number
  /** Ranks the gold sentences each call draws its examples from. */
  readonly seed: string
  /** The folder `synthetic.conll` and `report.json` are written to. */
  readonly out: string
}

export const synthesizeDefaults = { examples: 5, points: 10, calls: 10, seed: "finerweb-synthesize-1" } as const

/**
 * The synthesize command's program, loaded on demand as a stage's is, with the LLM client it asks. This file is the
 * command's face: the CLI imports it with every stage, so it holds no static import of the program's folder.
 */
export const runSynthesize = (options: SynthesizeOptions) =>
  Effect.promise(() => import("./synthesize/synthesize.ts")).pipe(
    Effect.flatMap(({ synthesize, layer }) => synthesize(options).pipe(Effect.provide(layer)))
  )
