/** A seeded uniform generator: the same "random" cases and jitter on every run (the emulator's mulberry32). */
export { seededRandom as seeded } from "../../emulator/random";
