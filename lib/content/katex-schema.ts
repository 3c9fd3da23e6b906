// What the sanitizer admits of KaTeX's output, and nothing more: its MathML and SVG elements with the attributes
// KaTeX writes, its own class names (those katex.css styles, plus the atom classes it emits unstyled), and inline
// styles made only of `property:value` pairs with no parentheses or quotes (so no url(), expression() or strings).
// An author cannot reach any of this directly: raw HTML in markdown is dropped before sanitizing, and KaTeX runs
// with trust: false, so \href, \url, \htmlClass, \htmlStyle and \includegraphics render as inert red text.
import type { Options as SanitizeSchema } from "rehype-sanitize";

const KATEX_CLASSES = new Set(
  (
    // Styled by katex.css (a test checks this list against the installed katex.css).
    "accent accent-body accent-full amsrm angl anglpad arraycolsep base boldsymbol boxpad brace-center brace-left " +
    "brace-right cancel-lap cancel-pad cd-arrow-pad cd-label-left cd-label-right cd-vert-arrow clap col-align-c " +
    "col-align-l col-align-r com delim-size1 delim-size4 delimcenter delimsizing eqn-num fbox fcolorbox fix fleqn " +
    "fontsize-ensurer frac-line halfarrow-left halfarrow-right hbox hdashline hide-tail hline inner katex " +
    "katex-display katex-html katex-mathml katex-version large-op leqno llap mainrm mathbb mathbf mathboldfrak " +
    "mathboldsf mathcal mathfrak mathit mathitsf mathnormal mathrm mathscr mathsf mathsfit mathtt mfrac " +
    "mml-eqn-num mover mspace msupsub mtable mtr-glue mult munder newline nulldelimiter op-limits op-symbol overlay " +
    "overline overline-line pstrut reset-size1 reset-size10 reset-size11 reset-size2 reset-size3 reset-size4 " +
    "reset-size5 reset-size6 reset-size7 reset-size8 reset-size9 rlap root rule size1 size10 size11 size2 size3 " +
    "size4 size5 size6 size7 size8 size9 sizing small-op smash sout sqrt stretchy strut svg-align tag textbb textbf " +
    "textboldfrak textboldsf textfrak textit textitsf textrm textscr textsf texttt thinbox underline underline-line " +
    "vbox vertical-separator vlist vlist-r vlist-s vlist-t vlist-t2 x-arrow x-arrow-pad " +
    // Emitted by KaTeX without a rule of their own (atom kinds, error and colour boxes).
    "mord mop mbin mrel mopen mclose mpunct minner mtight text katex-error colorbox nobreak allowbreak boxpad " +
    "cancel xcancel bcancel"
  ).split(" "),
);

/** The class names KaTeX may put on its elements (exported for the test that checks them against katex.css). */
export const katexClassNames: ReadonlySet<string> = KATEX_CLASSES;

// One declaration after another, each ended by ";" but the last: unambiguous, so linear-time on any attribute.
const KATEX_STYLE = /^(?:[a-z-]+:[-\w#.%]+(?:;[a-z-]+:[-\w#.%]+)*;?)?$/;

const MATHML: Record<string, string[]> = {
  math: ["xmlns", "display"],
  semantics: [],
  annotation: ["encoding"],
  mrow: [],
  mi: ["mathvariant"],
  mn: ["mathvariant"],
  mo: ["fence", "stretchy", "minsize", "maxsize", "separator", "mathvariant", "lspace", "rspace", "movablelimits", "largeop", "symmetric"],
  mtext: ["mathvariant"],
  ms: [],
  mspace: ["linebreak", "width", "height", "depth", "mathbackground"],
  msqrt: [],
  mroot: [],
  mfrac: ["linethickness"],
  mstyle: ["scriptlevel", "displaystyle", "mathcolor", "mathbackground", "mathsize"],
  msub: [],
  msup: [],
  msubsup: [],
  mover: ["accent"],
  munder: ["accentunder"],
  munderover: [],
  mtable: ["rowspacing", "columnalign", "columnspacing", "columnlines", "rowlines", "width", "frame", "framespacing", "side"],
  mtr: [],
  mlabeledtr: [],
  mtd: ["width", "columnalign"],
  menclose: ["notation", "mathbackground"],
  mpadded: ["width", "height", "depth", "lspace", "voffset", "mathbackground"],
  mphantom: [],
};

const SVG: Record<string, NonNullable<SanitizeSchema["attributes"]>[string]> = {
  svg: ["xmlns", "width", "height", "viewBox", "preserveAspectRatio", ["style", KATEX_STYLE]],
  path: ["d"],
  line: ["x1", "y1", "x2", "y2", "strokeWidth"],
};

/** Extends a sanitize schema to admit KaTeX's output. */
export function withKatex(schema: SanitizeSchema): SanitizeSchema {
  const attributes = { ...schema.attributes };
  for (const [tag, names] of Object.entries(MATHML)) attributes[tag] = names;
  for (const [tag, names] of Object.entries(SVG)) attributes[tag] = names;
  attributes.span = [...(attributes.span ?? []), ["className", ...KATEX_CLASSES], ["style", KATEX_STYLE], "ariaHidden", "title"];
  return {
    ...schema,
    tagNames: [...(schema.tagNames ?? []), ...Object.keys(MATHML), ...Object.keys(SVG)],
    attributes,
  };
}
