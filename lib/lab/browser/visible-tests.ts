// The visible tests of each exercise, loaded on demand in the browser worker. Hidden tests (hidden.ts) never appear
// here: they run only on the server. visible-tests.test.ts checks this map against lab/.
import type { LabTests } from "@/lib/lab/api";

type Suite = { default: LabTests<unknown> };

export const visibleTests: Record<string, () => Promise<Suite>> = {
  "kl-divergence": () => import("@/lab/kl-divergence/tests"),
  "wgan-critic-loss": () => import("@/lab/wgan-critic-loss/tests"),
  "train-step": () => import("@/lab/train-step/tests"),
  "vae-reparameterize": () => import("@/lab/vae-reparameterize/tests"),
  "js-divergence": () => import("@/lab/js-divergence/tests"),
  "wasserstein-1d": () => import("@/lab/wasserstein-1d/tests"),
  "anomaly-threshold": () => import("@/lab/anomaly-threshold/tests"),
  minibatches: () => import("@/lab/minibatches/tests"),
  "gan-bce-losses": () => import("@/lab/gan-bce-losses/tests"),
  "wgan-gp-step": () => import("@/lab/wgan-gp-step/tests"),
  "vae-elbo": () => import("@/lab/vae-elbo/tests"),
  "fit-early-stopping": () => import("@/lab/fit-early-stopping/tests"),
} as Record<string, () => Promise<Suite>>;
