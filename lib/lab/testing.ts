// Shared by the lab's own unit tests: tfjs on the CPU backend, quiet, loaded once per test file.
import { loadNodeTf } from "./runner/node-tf";

export const tf = await loadNodeTf();
