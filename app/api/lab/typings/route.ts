import { tfjsTypings } from "@/lib/lab/typings";

// Public, versioned and immutable: the declarations of the installed tfjs.
export async function GET() {
  const { files, version } = tfjsTypings();
  return Response.json({ version, files }, { headers: { "Cache-Control": "public, max-age=31536000, immutable" } });
}
