// Hugging Face's tokenizers library (the Rust implementation, prebuilt for Node) on a tokenizer.json:
// for each JSON-string line of the corpus, the ids without and with special tokens and the decoded ids.
// Usage: node reference.mjs TOKENIZER_JSON CORPUS_JSONL > out.json
import { Tokenizer } from 'tokenizers';
import { readFileSync } from 'node:fs';

const [, , tokenizerFile, corpusFile] = process.argv;
const tokenizer = Tokenizer.fromFile(tokenizerFile);
const lines = readFileSync(corpusFile, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line));
const out = [];
for (const text of lines) {
  const plain = (await tokenizer.encode(text, null, { addSpecialTokens: false })).getIds();
  const special = (await tokenizer.encode(text, null, { addSpecialTokens: true })).getIds();
  out.push({ ids: plain, special, decoded: await tokenizer.decode(plain, false) });
}
process.stdout.write(JSON.stringify(out));
