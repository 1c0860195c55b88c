"use strict";
// A small, offline API reference: renders the server's own /openapi.json.
// (FastAPI's built-in /docs loads Swagger UI from a CDN, which kashif avoids.)

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

function refName(ref) {
  return ref.split("/").pop();
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  return schema.type || "object";
}

function constraints(schema) {
  const parts = [];
  for (const [key, label] of [["minimum", "≥"], ["maximum", "≤"], ["default", "default"]]) {
    if (schema[key] !== undefined) parts.push(`${label} ${JSON.stringify(schema[key])}`);
  }
  return parts.join(", ");
}

function fieldsTable(schema) {
  const required = new Set(schema.required || []);
  const rows = Object.entries(schema.properties || {}).map(([name, prop]) => el("tr", {},
    el("td", {}, el("code", { textContent: name })),
    el("td", { textContent: typeOf(prop) }),
    el("td", { textContent: required.has(name) ? "required" : "optional" }),
    el("td", { textContent: [prop.description || "", constraints(prop)].filter(Boolean).join(" — ") })));
  return el("table", {}, el("tr", {}, ...["field", "type", "", "description"].map((h) => el("th", { textContent: h }))), ...rows);
}

function operation(path, method, op, spec) {
  const section = el("section", { className: "op", id: op.operationId || `${method}-${path}` });
  section.append(el("h2", {}, el("span", { className: `method ${method}`, textContent: method.toUpperCase() }), path));
  if (op.summary) section.append(el("p", {}, el("strong", { textContent: op.summary })));
  if (op.description) section.append(el("p", { className: "desc", textContent: op.description }));
  const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
  if (body) {
    const name = body.schema.$ref ? refName(body.schema.$ref) : "";
    const schema = name ? spec.components.schemas[name] : body.schema;
    section.append(el("h3", { textContent: `Request body ${name}` }), fieldsTable(schema));
    const example = Object.fromEntries(Object.keys(schema.properties || {}).filter((k) => (schema.required || []).includes(k)).map((k) => [k, "…"]));
    section.append(el("pre", { textContent: `curl -s -X ${method.toUpperCase()} ${location.origin}${path} \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(example)}'` }));
  }
  const rows = Object.entries(op.responses || {}).map(([code, r]) => {
    const json = r.content && r.content["application/json"];
    return el("tr", {}, el("td", { textContent: code }), el("td", { textContent: r.description || "" }),
      el("td", { textContent: json && json.schema ? typeOf(json.schema) : "" }));
  });
  section.append(el("h3", { textContent: "Responses" }),
    el("table", {}, el("tr", {}, ...["status", "meaning", "body"].map((h) => el("th", { textContent: h }))), ...rows));
  return section;
}

async function main() {
  const root = document.getElementById("docs");
  let spec;
  try {
    spec = await (await fetch("/openapi.json")).json();
  } catch (e) {
    root.replaceChildren(el("p", { textContent: "Cannot load /openapi.json." }));
    return;
  }
  document.getElementById("version").textContent = spec.info.version;
  const parts = [el("p", { className: "desc", textContent: spec.info.description || "" })];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) parts.push(operation(path, method, op, spec));
  }
  const schemas = el("section", { className: "schemas" }, el("h2", { textContent: "Schemas" }));
  for (const [name, schema] of Object.entries((spec.components && spec.components.schemas) || {})) {
    if (schema.properties) {
      schemas.append(el("h3", { id: `schema-${name}`, textContent: name }),
        schema.description ? el("p", { className: "desc", textContent: schema.description }) : null, fieldsTable(schema));
    }
  }
  parts.push(schemas);
  root.replaceChildren(...parts);
}

document.addEventListener("DOMContentLoaded", main);
