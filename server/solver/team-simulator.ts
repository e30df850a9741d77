/**
 * The solver's only door into the engine: createWorld / advance / apply and observe(…, {role:'team'}),
 * behind opaque handles. A handle is a frozen `{ t }`; the world it stands for sits in a private
 * WeakMap, so solver code cannot reach `world.model`, the RNG or a diagnosis's `correct` flag even
 * by accident. Counting calls here gives the search's cost.
 */
import {
  advance, apply, clock, createWorld, observe, teamAction,
  type ActionRecord, type Command, type Sample, type Scenario, type SessionMode, type TeamObservation, type World,
} from '../engine/index.ts';

export interface SimHandle {
  readonly t: number;
}

export type ApplyOutcome = { ok: true; handle: SimHandle } | { ok: false; error: string };

export class TeamSimulator {
  readonly #scenario: Scenario;
  readonly #seed: number;
  readonly #mode: SessionMode;
  readonly #worlds = new WeakMap<SimHandle, World>();
  readonly start: number;
  readonly end: number;
  /** Number of advance() calls that reached the scenario's end: whole simulated futures. */
  runs = 0;
  /** Sim seconds advanced in total: the search's real cost, whatever the length of each call. */
  simulatedSeconds = 0;

  /** `realistic` (default): the solver sees, and may use, only what its evidence has unlocked. */
  constructor(scenario: Scenario, seed: number, mode: SessionMode = 'realistic') {
    this.#scenario = scenario;
    this.#seed = seed;
    this.#mode = mode;
    this.start = clock(scenario.data.clock.start);
    this.end = clock(scenario.data.clock.end);
  }

  #wrap(world: World): SimHandle {
    const handle: SimHandle = Object.freeze({ t: world.t });
    this.#worlds.set(handle, world);
    return handle;
  }

  #world(handle: SimHandle): World {
    const world = this.#worlds.get(handle);
    if (!world) throw new Error('unknown simulation handle');
    return world;
  }

  create(): SimHandle {
    return this.#wrap(createWorld(this.#scenario, this.#seed, { mode: this.#mode }));
  }

  advance(handle: SimHandle, until: number): SimHandle {
    const world = this.#world(handle);
    if (until >= this.end) this.runs++;
    this.simulatedSeconds += Math.max(0, Math.min(until, this.end) - world.t);
    return this.#wrap(advance(this.#scenario, world, until));
  }

  apply(handle: SimHandle, command: Command): ApplyOutcome {
    const result = apply(this.#scenario, this.#world(handle), command);
    return result.ok ? { ok: true, handle: this.#wrap(result.world) } : { ok: false, error: result.error };
  }

  /** The team's charts alone (observe() builds the whole view: the search needs only these). */
  samples(handle: SimHandle): readonly Sample[] {
    return this.#world(handle).samples;
  }

  /** The team's action log alone, as observe() shows it (a pending action says nothing of its outcome). */
  actions(handle: SimHandle): ActionRecord[] {
    return this.#world(handle).actions.map(teamAction);
  }

  observe(handle: SimHandle): TeamObservation {
    return observe(this.#scenario, this.#world(handle), { role: 'team' });
  }
}
