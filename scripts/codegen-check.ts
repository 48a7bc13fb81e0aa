/**
 * Fails when src/__generated__ is stale: generates in memory from codegen.yml and compares with
 * the files on disk. Run by `npm test`, so CI catches a schema change without `npm run codegen`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate, loadContext } from '@graphql-codegen/cli';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const context = await loadContext(path.join(root, 'codegen.yml'));
  const outputs = (await generate(context, false)) as Array<{ filename: string; content: string }>;
  const stale = outputs.filter((o) => {
    const file = path.resolve(root, o.filename);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== o.content;
  });
  if (stale.length > 0) {
    console.error(`Generated types are stale: ${stale.map((o) => o.filename).join(', ')}. Run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log(`codegen: ${outputs.length} generated file(s) up to date`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
