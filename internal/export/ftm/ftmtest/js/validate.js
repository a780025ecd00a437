#!/usr/bin/env node
// Checks FollowTheMoney data against FtM's own model, the reference
// JavaScript implementation @alephdata/followthemoney (the version
// package.json pins). It reads each FILE as one of:
//   - FtM entities, one JSON object a line ({"id", "schema", "properties"});
//   - FtM statements, one JSON object a line ({"entity_id", "prop", ...});
//   - FtM statements as CSV, with FtM's header (canonical_id, entity_id, prop, ...).
// and prints, per file, one JSON object: {"file", "format", "entities",
// "statements", "violations": [{"kind", "count", "examples"}]}. Exit 0 when no
// file has a violation, 1 when one has, 2 when a file cannot be read.
//
//   node validate.js FILE...
'use strict';
const fs = require('fs');
const { Model, defaultModel } = require('@alephdata/followthemoney');

const model = new Model(defaultModel);

// FtM's entity id syntax (followthemoney/types/entity.py): letters, digits,
// dots and dashes, starting and ending with a letter or digit.
const ID = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/;
const ID_MAX = model.getType('entity').maxLength || 200;
// An FtM date: an ISO 8601 prefix in UTC, from a year to seconds.
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d)?)?)?)?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;
// Keys an entity line may carry beside FtM's three: what FtM and
// OpenSanctions add, and Athar's own object.
const ENTITY_KEYS = new Set(['id', 'schema', 'properties', 'caption', 'datasets', 'referents', 'first_seen',
  'last_seen', 'last_change', 'target', 'athar']);
// Statement fields, as FtM's Statement.to_dict writes them, and "athar".
const STATEMENT_KEYS = new Set(['id', 'entity_id', 'canonical_id', 'prop', 'prop_type', 'schema', 'value', 'dataset',
  'lang', 'original_value', 'external', 'first_seen', 'last_seen', 'origin', 'target', 'athar']);
const CSV_REQUIRED = ['canonical_id', 'entity_id', 'prop', 'prop_type', 'schema', 'value', 'dataset', 'lang',
  'original_value', 'external', 'first_seen', 'last_seen', 'id'];
// Property types FtM never gives a language (followthemoney/statement/util.py).
const NON_LANG = new Set(['entity', 'date', 'checksum', 'email', 'phone', 'gender', 'mimetype', 'topic', 'url',
  'country', 'language', 'ip', 'id']);

class Report {
  constructor(file) {
    this.file = file; this.format = ''; this.entities = 0; this.statements = 0; this.kinds = new Map();
  }
  add(kind, where) {
    const k = this.kinds.get(kind) || { kind, count: 0, examples: [] };
    k.count++;
    if (k.examples.length < 3) k.examples.push(where);
    this.kinds.set(kind, k);
  }
  toJSON() {
    const violations = [...this.kinds.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
    return { file: this.file, format: this.format, entities: this.entities, statements: this.statements, violations };
  }
}

function schemaOf(name) {
  try { return model.getSchema(name); } catch (e) { return null; }
}

// checkValue reports what is wrong with one value of a property, or ''.
function checkValue(prop, value) {
  if (typeof value !== 'string') return 'value-not-a-string';
  if (value.trim() === '') return 'empty-value';
  if (value !== value.trim()) return 'value-with-surrounding-space';
  const max = prop.maxLength || prop.type.maxLength;
  if (max && value.length > max) return `value-longer-than-${prop.type.name}-allows`;
  const t = prop.type;
  switch (t.name) {
    case 'date': return DATE.test(value) ? '' : 'bad-date';
    case 'country': case 'language': case 'gender': case 'topic':
      return t.values.has(value) ? '' : `bad-${t.name}`;
    case 'url': {
      let u; try { u = new URL(value); } catch (e) { return 'bad-url'; }
      return /^(https?|ftp):$/.test(u.protocol) ? '' : 'bad-url';
    }
    case 'checksum': return /^[0-9a-f]{40}$/.test(value) ? '' : 'bad-checksum';
    case 'mimetype': return /^[a-z]+\/[a-z0-9.+-]+$/i.test(value) ? '' : 'bad-mimetype';
    case 'entity': return ID.test(value) && value.length <= ID_MAX ? '' : 'entity-reference-not-an-ftm-id';
  }
  return '';
}

// checkEntities runs FtM's rules over whole entities: id syntax, schema,
// properties and their values, references, required properties, captions
// and edges.
function checkEntities(r, entities, aliases) {
  const byId = new Map();
  for (const e of entities) {
    if (byId.has(e.id)) r.add('duplicate-entity-id', `${e.where}: ${e.id}`);
    byId.set(e.id, e);
  }
  for (const [id, e] of aliases || []) if (!byId.has(id)) byId.set(id, e);
  for (const e of entities) {
    const where = `${e.where} ${e.schemaName} ${e.id}`;
    if (typeof e.id !== 'string' || !ID.test(e.id)) { r.add('id-not-ftm-entity-id', where); }
    else if (e.id.length > ID_MAX) r.add('id-too-long', where);
    const schema = schemaOf(e.schemaName);
    if (!schema) { r.add('unknown-schema', where); continue; }
    if (schema.abstract) r.add('abstract-schema', where);
    if (schema.deprecated) r.add('deprecated-schema', where);
    for (const [name, values] of Object.entries(e.properties)) {
      if (!schema.hasProperty(name)) { r.add('property-not-in-schema', `${where}: ${schema.name}.${name}`); continue; }
      const prop = schema.getProperty(name);
      if (prop.stub) r.add('reverse-only-property-set', `${where}: ${name}`);
      if (prop.deprecated) r.add('deprecated-property', `${where}: ${name}`);
      if (!Array.isArray(values)) { r.add('values-not-a-list', `${where}: ${name}`); continue; }
      if (values.length === 0) r.add('property-without-values', `${where}: ${name}`);
      for (const v of values) {
        const bad = checkValue(prop, v);
        if (bad) { r.add(bad, `${where}: ${name}=${JSON.stringify(v)}`); continue; }
        if (prop.type.name !== 'entity') continue;
        const target = byId.get(v);
        if (!target) { r.add('reference-to-entity-not-in-file', `${where}: ${name}=${v}`); continue; }
        const ts = schemaOf(target.schemaName);
        const range = prop.getRange && prop.range ? prop.getRange() : null;
        if (ts && range && !ts.isA(range)) r.add('reference-out-of-range', `${where}: ${name} -> ${ts.name} (wants ${range.name})`);
      }
    }
    for (const req of schema.required) {
      if (!(e.properties[req] || []).length) r.add(`missing-required-property ${schema.name}.${req}`, where);
    }
    if (schema.isEdge) {
      for (const side of [schema.edge.source, schema.edge.target]) {
        const n = (e.properties[side] || []).length;
        if (n !== 1) r.add(`edge-${side}-has-${n}-values`, where);
      }
    } else if (schema.caption.length && !schema.caption.some(c => (e.properties[c] || []).length)) {
      r.add(`no-caption-property ${schema.name} (${schema.caption.join('|')})`, where);
    }
  }
}

function checkEntityLines(r, lines) {
  r.format = 'entities';
  const entities = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o; try { o = JSON.parse(line); } catch (e) { r.add('not-json', `line ${i + 1}`); return; }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) { r.add('not-an-object', `line ${i + 1}`); return; }
    for (const k of Object.keys(o)) if (!ENTITY_KEYS.has(k)) r.add('unknown-top-level-key', `line ${i + 1}: ${k}`);
    let props = o.properties;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) { r.add('properties-not-an-object', `line ${i + 1}`); props = {}; }
    entities.push({ where: `line ${i + 1}`, id: o.id, schemaName: o.schema, properties: props });
  });
  r.entities = entities.length;
  checkEntities(r, entities);
}

// checkStatements checks each statement, then the entities they make.
function checkStatements(r, stmts) {
  const ids = new Set();
  const entities = new Map(); // canonical id -> entity
  for (const s of stmts) {
    const where = `${s.where} ${s.entity_id} ${s.prop}`;
    for (const f of ['entity_id', 'canonical_id', 'prop', 'schema', 'dataset']) {
      if (typeof s[f] !== 'string' || s[f] === '') r.add(`statement-without-${f}`, where);
    }
    if (typeof s.value !== 'string') { r.add('value-not-a-string', where); continue; }
    if (s.id !== null && s.id !== undefined) {
      if (typeof s.id !== 'string' || s.id === '') r.add('bad-statement-id', where);
      else if (ids.has(s.id)) r.add('duplicate-statement-id', `${where}: ${s.id}`);
      ids.add(s.id);
    }
    for (const f of ['entity_id', 'canonical_id']) {
      if (typeof s[f] === 'string' && (!ID.test(s[f]) || s[f].length > ID_MAX)) r.add(`${f}-not-an-ftm-id`, where);
    }
    if (typeof s.external !== 'boolean') r.add('external-not-a-boolean', where);
    for (const f of ['first_seen', 'last_seen']) {
      if (s[f] !== null && s[f] !== undefined && !(typeof s[f] === 'string' && TIMESTAMP.test(s[f]))) r.add(`bad-${f}`, `${where}: ${s[f]}`);
    }
    if (s.original_value !== null && s.original_value !== undefined && typeof s.original_value !== 'string') r.add('bad-original_value', where);
    const schema = schemaOf(s.schema);
    if (!schema) { r.add('unknown-schema', `${where}: ${s.schema}`); continue; }
    let type;
    if (s.prop === 'id') {
      type = 'id';
      if (s.value !== s.entity_id) r.add('id-statement-value-is-not-the-entity-id', where);
    } else if (!schema.hasProperty(s.prop)) {
      r.add('property-not-in-schema', `${where}: ${schema.name}.${s.prop}`); continue;
    } else {
      type = schema.getProperty(s.prop).type.name;
    }
    if (s.prop_type !== undefined && s.prop_type !== type) r.add('prop_type-differs-from-the-model', `${where}: ${s.prop_type}, FtM says ${type}`);
    if (s.lang !== null && s.lang !== undefined) {
      if (!model.getType('language').values.has(s.lang)) r.add('bad-lang', `${where}: ${s.lang}`);
      else if (NON_LANG.has(type)) r.add('lang-on-a-type-without-language', `${where}: ${type}`);
    }
    let e = entities.get(s.canonical_id);
    if (!e) {
      e = { where: s.where, id: s.canonical_id, schemaName: schema.name, properties: {} };
      entities.set(s.canonical_id, e);
    } else if (e.schemaName !== schema.name) {
      const have = schemaOf(e.schemaName);
      if (schema.isA(have)) e.schemaName = schema.name;
      else if (!have.isA(schema)) r.add('statements-of-one-entity-disagree-on-schema', `${where}: ${schema.name} and ${have.name}`);
    }
    if (s.prop !== 'id') (e.properties[s.prop] = e.properties[s.prop] || []).push(s.value);
  }
  r.entities = entities.size;
  // A reference may name an entity by any id its statements carry: its
  // canonical id or the id of a statement's entity that was merged into it.
  const aliases = new Map(entities);
  for (const s of stmts) if (entities.has(s.canonical_id)) aliases.set(s.entity_id, entities.get(s.canonical_id));
  checkEntities(r, [...entities.values()], aliases);
}

function checkStatementLines(r, lines) {
  r.format = 'statements';
  const stmts = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o; try { o = JSON.parse(line); } catch (e) { r.add('not-json', `line ${i + 1}`); return; }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) { r.add('not-an-object', `line ${i + 1}`); return; }
    for (const k of Object.keys(o)) if (!STATEMENT_KEYS.has(k)) r.add('unknown-statement-field', `line ${i + 1}: ${k}`);
    o.where = `line ${i + 1}`;
    stmts.push(o);
  });
  r.statements = stmts.length;
  checkStatements(r, stmts);
}

// parseCSV reads RFC 4180 CSV: rows of fields, with the line each row starts on.
function parseCSV(text) {
  const rows = [];
  let row = [], field = '', quoted = false, line = 1, start = 1, i = 0;
  const endField = () => { row.push(field); field = ''; };
  const endRow = () => { endField(); rows.push({ line: start, fields: row }); row = []; start = line; };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      if (c === '\n') line++;
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { line++; endRow(); i++; continue; }
    field += c; i++;
  }
  if (quoted) throw new Error(`unterminated quoted field starting on line ${start}`);
  if (field !== '' || row.length) endRow();
  return rows;
}

function checkStatementCSV(r, text) {
  r.format = 'statements-csv';
  const rows = parseCSV(text);
  if (!rows.length) { r.add('empty-file', 'line 1'); return; }
  const header = rows[0].fields;
  for (const c of CSV_REQUIRED) if (!header.includes(c)) r.add('csv-header-lacks-column', `line 1: ${c}`);
  const stmts = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    if (row.fields.length !== header.length) { r.add('csv-row-with-wrong-number-of-fields', `line ${row.line}`); continue; }
    const o = { where: `line ${row.line}` };
    header.forEach((h, k) => { o[h] = row.fields[k]; });
    for (const f of ['lang', 'original_value', 'origin', 'first_seen', 'last_seen', 'id']) if (o[f] === '') o[f] = null;
    const ext = String(o.external).toLowerCase();
    if (['t', 'true', '1'].includes(ext)) o.external = true;
    else if (['f', 'false', '0', ''].includes(ext)) o.external = false;
    stmts.push(o);
  }
  r.statements = stmts.length;
  checkStatements(r, stmts);
}

function check(file) {
  const r = new Report(file);
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const first = lines.find(l => l.trim()) || '';
  if (first.trim().startsWith('{')) {
    let o = {};
    try { o = JSON.parse(first); } catch (e) { /* reported by the line check */ }
    if ('entity_id' in o && 'prop' in o) checkStatementLines(r, lines); else checkEntityLines(r, lines);
  } else if (first.includes('entity_id') && first.includes('prop')) {
    checkStatementCSV(r, text);
  } else {
    r.format = 'unknown'; r.add('not-ftm-entities-or-statements', 'line 1');
  }
  return r;
}

let failed = false;
const files = process.argv.slice(2);
if (!files.length) { console.error('usage: validate.js FILE...'); process.exit(2); }
for (const f of files) {
  let r;
  try { r = check(f); } catch (e) { console.error(`${f}: ${e.message}`); process.exit(2); }
  if (r.kinds.size) failed = true;
  console.log(JSON.stringify(r));
}
process.exit(failed ? 1 : 0);
