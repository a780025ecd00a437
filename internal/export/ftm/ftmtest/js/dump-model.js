#!/usr/bin/env node
// Writes the part of FollowTheMoney's model that Athar's Go code needs, as
// JSON on stdout, from @alephdata/followthemoney (the version package.json
// pins). internal/export/ftm embeds the output as model.json; its test runs
// this script and fails when the two differ, so the Go model cannot drift
// from the one the validator (validate.js) checks against.
//
//   node dump-model.js > ../../model.json
'use strict';
const { Model, defaultModel } = require('@alephdata/followthemoney');
const pkg = require('@alephdata/followthemoney/package.json');

const model = new Model(defaultModel);
const out = { source: `${pkg.name} ${pkg.version}`, schemata: {}, types: {} };

for (const name of Object.keys(model.schemata).sort()) {
  const s = model.schemata[name];
  const props = {};
  // Own properties only: the Go side walks "extends" as FtM does.
  for (const [pname, p] of [...s.properties.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const q = { type: p.type.name };
    if (p.range) q.range = typeof p.range === 'string' ? p.range : p.range.name;
    if (p.stub) q.stub = true;
    if (p.deprecated) q.deprecated = true;
    if (p.maxLength) q.maxLength = p.maxLength;
    props[pname] = q;
  }
  const x = { extends: s.extends || [] };
  if (s.abstract) x.abstract = true;
  if (s.deprecated) x.deprecated = true;
  if (s.required && s.required.length) x.required = s.required;
  if (s.caption && s.caption.length) x.caption = s.caption;
  if (s.edge) {
    x.edge = { source: s.edge.source, target: s.edge.target };
    if (s.edge.caption && s.edge.caption.length) x.edge.caption = s.edge.caption;
  }
  x.properties = props;
  out.schemata[name] = x;
}

for (const name of Object.keys(model.types).sort()) {
  const t = model.types[name];
  const x = {};
  if (t.maxLength) x.maxLength = t.maxLength;
  if (t.values && t.values.size) {
    x.values = {};
    for (const k of [...t.values.keys()].sort()) x.values[k] = t.values.get(k);
  }
  out.types[name] = x;
}

process.stdout.write(JSON.stringify(out, null, 1) + '\n');
