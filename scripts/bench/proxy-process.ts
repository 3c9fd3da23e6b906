// The round-robin proxy (lib/server/round-robin-proxy.ts) in a process of its own, as a load balancer would be:
// `tsx scripts/bench/proxy-process.ts <port> <upstream port>…`. Prints "ready" once it listens; SIGTERM stops it.
import { startRoundRobinProxy } from "@/lib/server/round-robin-proxy";

const [port, ...upstreams] = process.argv.slice(2).map(Number);
const proxy = await startRoundRobinProxy({ port, upstreams });
process.on("SIGTERM", () => void proxy.close().then(() => process.exit(0)));
console.log("ready");
