// What a learner may see of a result: hidden tests keep their name, verdict and points, never their inputs — and
// a hidden test's message, or what the learner's code printed during it, could show them. So both are replaced.
import type { Results, TestResult } from "@/lib/lab/results";

const HIDDEN_MESSAGE: Record<Exclude<TestResult["status"], "pass">, string> = {
  fail: "This hidden test failed. Its inputs are not shown: think about the cases the visible tests do not cover (other shapes, zeros, larger batches).",
  error: "Your code threw an error in this hidden test. Its inputs are not shown: check the cases the visible tests do not cover.",
  timeout: "This hidden test did not finish in time. Look for a loop that never ends or a very large tensor.",
  skipped: "Not run: an earlier test had to be stopped.",
};

export function redactHidden(results: Results): Results {
  // Tests run visible first; should a hidden test ever run before a visible one, what the learner's code saw in it
  // could surface in later messages, so everything after the first hidden test is treated as hidden.
  const firstHidden = results.tests.findIndex((test) => test.hidden);
  return {
    ...results,
    tests: results.tests.map((test, index) => {
      if (firstHidden < 0 || index < firstHidden) return test;
      const { output: _output, test_code: _code, message: _message, ...rest } = test;
      void _output;
      void _code;
      void _message;
      return test.status === "pass" ? rest : { ...rest, message: test.hidden ? HIDDEN_MESSAGE[test.status] : "Not shown: this test ran after a hidden test." };
    }),
  };
}
