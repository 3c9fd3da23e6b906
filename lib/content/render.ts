// Markdown → safe HTML for answers and lab prompts: GitHub-flavoured markdown, sanitized, code highlighted.
// Sanitizing runs before highlighting so that highlight.js's classes survive and nothing else does.
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { common } from "lowlight";
import type { Options as SanitizeSchema } from "rehype-sanitize";

const schema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // Only `language-*` classes on code (the fence's info string); highlight.js adds its own after sanitizing.
    code: [...(defaultSchema.attributes?.code ?? []), ["className", /^language-[\w+#.-]+$/]],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  // Unknown languages stay plain instead of failing; no guessing for fences without a language.
  .use(rehypeHighlight, { languages: common, detect: false, ignoreMissing: true } as never)
  .use(rehypeStringify)
  .freeze();

export async function renderMarkdown(markdown: string): Promise<string> {
  return String(await processor.process(markdown));
}
