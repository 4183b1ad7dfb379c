// Hugging Face's Jinja implementation for chat templates (@huggingface/jinja, used by transformers.js): renders
// each case {template, context} of a JSON file and prints the strings (or the error) as a JSON array.
// Usage: node chat-reference.mjs CASES_JSON > out.json
import { Template } from '@huggingface/jinja';
import { readFileSync } from 'node:fs';

const [, , casesFile] = process.argv;
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const out = cases.map(({ template, context }) => {
  try {
    return { rendered: new Template(template).render(context) };
  } catch (e) {
    return { error: String(e.message ?? e) };
  }
});
process.stdout.write(JSON.stringify(out));
