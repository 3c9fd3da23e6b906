import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

describe("renderMarkdown", () => {
  it("highlights fenced python", async () => {
    const html = await renderMarkdown("```python\nimport tensorflow as tf\ndef f(x):\n    return x\n```");
    expect(html).toContain('<code class="hljs language-python">');
    expect(html).toMatch(/<span class="hljs-keyword">import<\/span>/);
    expect(html).toMatch(/<span class="hljs-title function_">f<\/span>/);
  });

  it("renders tables, lists and task lists", async () => {
    const html = await renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n\n- [x] done");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>2</td>");
    expect(html).toContain("<ol>");
    expect(html).toContain('type="checkbox"');
  });

  it("leaves unknown languages and plain fences unhighlighted, without failing", async () => {
    expect(await renderMarkdown("```nosuchlang\nx\n```")).toContain("<code class=\"hljs language-nosuchlang\">x\n</code>");
    expect(await renderMarkdown("```\nplain\n```")).toBe('<pre tabindex="0"><code>plain\n</code></pre>');
  });

  it("makes raw HTML and javascript: links inert", async () => {
    const html = await renderMarkdown('Hi <script>alert(1)</script> <img src="x" onerror="alert(1)"> [click](javascript:alert(1)) <a href="https://example.com" onclick="x()">ok</a>');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:/i);
    expect(html).toContain("click");
  });
});
