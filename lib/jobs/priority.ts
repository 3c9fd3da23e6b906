// Workers run below the web server's CPU priority, so that answering a review stays fast while a memory model is
// fitted on the same machine. Linux keeps a nice value per thread (new threads inherit their creator's), so every
// thread the process has when this runs is lowered: Node's own and libuv's threads created later follow them, and so
// do the optimizer's threads, which libuv's threads start.
import fs from "node:fs";
import os from "node:os";

export function lowerPriority(niceness: number): void {
  if (niceness <= 0) return;
  const lower = (pid: number) => {
    try {
      if (os.getPriority(pid) < niceness) os.setPriority(pid, niceness);
    } catch {
      // A thread that ended meanwhile, or a platform that refuses: the process runs at its normal priority.
    }
  };
  if (process.platform === "linux" && fs.existsSync("/proc/self/task")) {
    for (const tid of fs.readdirSync("/proc/self/task")) lower(Number(tid));
  } else {
    lower(0);
  }
}
