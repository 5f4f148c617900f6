import { Effect } from "effect"

/** One slot taken from `Slots`: giving it back twice gives it back once. */
export interface Slot {
  readonly giveBack: () => void
}

interface Waiter {
  readonly resume: (slot: Slot) => void
  granted: boolean
}

/**
 * Slots for the attempts in flight, first come first served, under a limit that may change (the adaptive
 * concurrency). A slot is given back by a plain call rather than at the end of an effect, so that a timer can free
 * the slot of an attempt that shows no progress while the attempt goes on waiting for its own timeout.
 */
export class Slots {
  limit: number
  taken = 0
  private readonly waiters: Array<Waiter> = []

  constructor(limit: number) {
    this.limit = limit
  }

  /** Waits for a slot. An interrupted waiter leaves the queue, and a slot granted to it just then is given back. */
  readonly take: Effect.Effect<Slot> = Effect.callback<Slot>((resume) => {
    if (this.waiters.length === 0 && this.taken < this.limit) {
      this.taken += 1
      resume(Effect.succeed(this.slot()))
      return
    }
    const waiter: Waiter = { resume: (slot) => resume(Effect.succeed(slot)), granted: false }
    this.waiters.push(waiter)
    return Effect.sync(() => {
      const index = this.waiters.indexOf(waiter)
      if (index >= 0) this.waiters.splice(index, 1)
      else if (waiter.granted) this.giveBackOne()
    })
  })

  /** A new limit; slots taken above it are given back as their attempts end. */
  resize(limit: number): void {
    this.limit = limit
    this.wake()
  }

  private slot(): Slot {
    let held = true
    return {
      giveBack: () => {
        if (!held) return
        held = false
        this.giveBackOne()
      }
    }
  }

  private giveBackOne(): void {
    this.taken -= 1
    this.wake()
  }

  /** Grants free slots to waiters in order; the state is settled before each resumes, which may take or give back. */
  private wake(): void {
    while (this.taken < this.limit) {
      const waiter = this.waiters.shift()
      if (waiter === undefined) return
      this.taken += 1
      waiter.granted = true
      waiter.resume(this.slot())
    }
  }
}
