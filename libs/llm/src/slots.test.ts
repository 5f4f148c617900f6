import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { Slots } from "./slots.ts"

describe("Slots", () => {
  it.effect("grants in order of asking, and a slot given back twice counts once", () =>
    Effect.gen(function*() {
      const slots = new Slots(1)
      const first = yield* slots.take
      const granted: Array<string> = []
      const second = yield* Effect.forkChild(Effect.tap(slots.take, () => Effect.sync(() => granted.push("second"))))
      const third = yield* Effect.forkChild(Effect.tap(slots.take, () => Effect.sync(() => granted.push("third"))))
      yield* Effect.yieldNow
      assert.deepStrictEqual(granted, [])
      first.giveBack()
      first.giveBack()
      yield* Effect.yieldNow
      assert.deepStrictEqual(granted, ["second"])
      assert.strictEqual(slots.taken, 1)
      ;(yield* Fiber.join(second)).giveBack()
      ;(yield* Fiber.join(third)).giveBack()
      assert.deepStrictEqual(granted, ["second", "third"])
      assert.strictEqual(slots.taken, 0)
    }))

  it.effect("a waiter interrupted leaves the queue, and a larger limit lets the next one in at once", () =>
    Effect.gen(function*() {
      const slots = new Slots(1)
      yield* slots.take
      const gaveUp = yield* Effect.forkChild(slots.take)
      const waiting = yield* Effect.forkChild(slots.take)
      yield* Effect.yieldNow
      yield* Fiber.interrupt(gaveUp)
      slots.resize(2)
      yield* Fiber.join(waiting)
      assert.strictEqual(slots.taken, 2)
    }))
})
