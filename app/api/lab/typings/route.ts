import { tfjsTypings } from "@/lib/lab/editor-typings";

// The declarations of the installed tfjs (~2.7 MB, ~310 kB gzipped). The URL carries no version, so the browser
// revalidates each time and gets a 304 until tfjs is upgraded.
export async function GET(request: Request) {
  const { files, version } = tfjsTypings();
  const etag = `"tfjs-${version}"`;
  const headers = { "Cache-Control": "public, no-cache", ETag: etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json({ version, files }, { headers });
}
