// The exercise's suites as isolate-entry.ts imports them: isolate-bundle.ts resolves each to the exercise's file.
declare module "latent:visible-tests" {
  const suite: import("@/lib/lab/api/define").LabTests<unknown>;
  export default suite;
}

declare module "latent:hidden-tests" {
  const suite: import("@/lib/lab/api/define").LabTests<unknown>;
  export default suite;
}
