import { parse } from '@cdktf/hcl2json';

/**
 * A Terraform file as HashiCorp's HCL parser sees it (the JSON form of HCL:
 * blocks become objects keyed by type and label, each label holding a list of
 * bodies; expressions become "${...}" strings).
 */
export type HclDocument = Record<string, any>;

/**
 * Parses one `.tf` file with HashiCorp's own HCL parser (the Go `hcl` package
 * compiled to WebAssembly in `@cdktf/hcl2json`); rejects with the parser's
 * message, which names the file, line and column, when the file is not valid HCL.
 */
export async function parseHcl(
  fileName: string,
  text: string,
): Promise<HclDocument> {
  return (await parse(fileName, text)) as HclDocument;
}
