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

describe("renderMarkdown: math", () => {
  it("typesets inline and display math with KaTeX on the server, with MathML for screen readers", async () => {
    const html = await renderMarkdown("For $p_i > 0$:\n\n$$\n\\mathrm{KL}(P\\,\\|\\,Q) = \\sum_{i=1}^{k} p_i \\log \\frac{p_i}{q_i}\n$$");
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<span class="katex-display">');
    expect(html).toMatch(/<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"[^>]*><semantics>/);
    expect(html).toContain('<span class="mord mathrm">KL</span>');
    expect(html).toContain('<span class="katex-html" aria-hidden="true">');
    expect(html).not.toMatch(/\$|language-math/);
  });

  it("keeps the SVG KaTeX draws (square roots, arrows) and its inline sizes", async () => {
    const html = await renderMarkdown("$\\sqrt{x} + \\overrightarrow{AB}$");
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="[\d.]+em" height="[\d.]+em" viewBox="[\d ]+" preserveAspectRatio="[\w ]+"/);
    expect(html).toMatch(/<path d="M/);
    expect(html).toMatch(/style="height:[\d.]+em;"/);
  });

  it("leaves dollars that are not math as text: prices, shell prompts, escaped dollars", async () => {
    expect(await renderMarkdown("It costs $5 and $10 today.")).toBe("<p>It costs $5 and $10 today.</p>");
    expect(await renderMarkdown("Between $ 3 and 4 $ here")).toBe("<p>Between $ 3 and 4 $ here</p>");
    expect(await renderMarkdown("$ npm install")).toBe("<p>$ npm install</p>");
    expect(await renderMarkdown("a \\$x\\$ b")).toBe("<p>a $x$ b</p>");
    expect(await renderMarkdown("`$x$` in code")).toBe("<p><code>$x$</code> in code</p>");
  });

  it("renders \\href, \\url, \\htmlClass, \\htmlStyle and \\includegraphics inert (trust: false)", async () => {
    const html = await renderMarkdown(
      "$\\href{javascript:alert(1)}{click}$ $\\url{javascript:alert(2)}$ $\\htmlClass{fixed inset-0}{x}$ $\\htmlStyle{background:url(x)}{y}$ $\\htmlId{main}{z}$ $\\includegraphics{https://example.com/x.png}$",
    );
    const tags = html.replace(/>[^<]*</g, "><"); // attributes only: the TeX source stays as text in <annotation>
    expect(tags).not.toMatch(/<a[\s>]|href=|<img|src=|url\(|inset-0|id=/);
    expect(html).toContain('<span class="mord text" style="color:#cc0000;">');
  });

  it("shows a formula that does not parse in red with KaTeX's message, and renders the rest", async () => {
    const html = await renderMarkdown("Broken $\\frac{1}{$ and fine $x^2$.");
    expect(html).toMatch(/<span class="katex-error" title="ParseError: KaTeX parse error: [^"]+" style="color:#cc0000">\\frac\{1\}\{<\/span>/);
    expect(html).toContain('<span class="katex">');
  });

  it("admits nothing but KaTeX's own classes and plain inline styles", async () => {
    const html = await renderMarkdown("$\\color{red}{x} \\colorbox{blue}{y} \\boxed{z}$");
    for (const [, value] of html.matchAll(/\sstyle="([^"]*)"/g)) expect(value).toMatch(/^(?:[a-z-]+:[-\w#.%]+;?)*$/);
    expect(html).toContain("color:red;");
  });
});
