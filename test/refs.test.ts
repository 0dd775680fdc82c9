/**
 * `$ref` resolution forms, end to end: each case generates code from a fixture under
 * test/fixtures/refs/, compiles it under strict tsc (with a few type-level checks beside it), imports
 * it, and runs the validators on valid and invalid data.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { inspect } from "node:util";
import { CodegenError, generate, type GenerateResult } from "../src/index.js";
import { byCodeUnits } from "../src/order.js";
import { compileGenerated, importGenerated, REPO_ROOT, temporaryDirectory, withoutTypesModules } from "./helpers.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/refs");

/** Temporary directories made by this file, removed when it is done. */
const temporaryDirectories: string[] = [];
function outputDirectory(prefix: string): string {
  const directory = temporaryDirectory(prefix);
  temporaryDirectories.push(directory);
  return path.join(directory, "out");
}
after(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}
type ValidationResult = { valid: true; value: unknown } | { valid: false; errors: ValidationError[] };
type Validate = (value: unknown) => ValidationResult;
type GeneratedModule = Record<string, unknown>;

/** `Equal<A, B>` is `true` only when A and B are the same type; used in the type-level checks. */
const EQUAL = "type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;\n";

/**
 * Generates the fixture into a fresh directory, compiles it (plus `typeChecks`, a TypeScript module
 * written beside the output that imports from "./index.js") and imports the index module.
 */
async function build(fixture: string, inputs: string[], typeChecks?: string): Promise<{ result: GenerateResult; module: GeneratedModule }> {
  const outDir = outputDirectory(`refs-${fixture.replace(/[^a-z0-9]+/gi, "-")}`);
  const result = await generate({ cwd: path.join(FIXTURES, fixture), inputs, outDir });
  assert.equal(result.outDir, outDir);
  if (typeChecks !== undefined) writeFileSync(path.join(outDir, "type-checks.ts"), EQUAL + typeChecks);
  const jsDir = compileGenerated(outDir);
  return { result, module: await importGenerated(jsDir, "index") };
}

function fileNames(result: GenerateResult): string[] {
  const names = result.files.map((file) => file.name);
  const typesIndex = result.files.find((file) => file.name === "types.ts")!.source;
  for (const name of names.filter((file) => file.endsWith(".types.ts"))) {
    assert.ok(typesIndex.includes(`from "./${name.replace(/\.ts$/, ".js")}";`), `types.ts exports ${name}'s types`);
  }
  return withoutTypesModules(names);
}

/**
 * The validator of a named type; asserts that `isX`, `validateX`, `assertX` and `XSchema` are
 * exported, and (on every call) that `isX` agrees with `validateX`.
 */
function validatorOf(module: GeneratedModule, typeName: string): Validate {
  for (const name of [`is${typeName}`, `validate${typeName}`, `assert${typeName}`]) {
    assert.equal(typeof module[name], "function", `${name} is exported`);
  }
  assert.equal(typeof module[`${typeName}Schema`], "object", `${typeName}Schema is exported`);
  const is = module[`is${typeName}`] as (value: unknown) => boolean;
  const validate = module[`validate${typeName}`] as Validate;
  return (value) => {
    const result = validate(value);
    assert.equal(is(value), result.valid, `is${typeName} agrees with validate${typeName} on ${JSON.stringify(value)}`);
    return result;
  };
}

function assertValid(validate: Validate, value: unknown): void {
  const result = validate(value);
  assert.ok(result.valid, `expected valid, got ${JSON.stringify(result)}`);
  assert.equal(result.value, value);
}

/** Asserts the value is invalid with exactly these errors, as [instancePath, keyword] pairs (any order). */
function assertErrors(validate: Validate, value: unknown, expected: readonly (readonly [string, string])[]): void {
  const result = validate(value);
  assert.equal(result.valid, false, `expected invalid: ${JSON.stringify(value)}`);
  for (const error of result.errors) {
    assert.match(error.schemaPath, /^#/, "schemaPath is a URI fragment");
    assert.equal(typeof error.message, "string");
  }
  const byKey = (a: readonly [string, string], b: readonly [string, string]): number => byCodeUnits(JSON.stringify(a), JSON.stringify(b));
  const actual = result.errors.map((error) => [error.instancePath, error.keyword] as const);
  assert.deepEqual([...actual].sort(byKey), [...expected].sort(byKey), JSON.stringify(result.errors, null, 2));
}

/** `generate()` must reject with a CodegenError; returns it. Nothing may be written to `outDir`. */
async function generateError(fixture: string, inputs: string[]): Promise<CodegenError> {
  const outDir = outputDirectory(`refs-error-${fixture.replace(/[^a-z0-9]+/gi, "-")}`);
  let caught: unknown;
  try {
    await generate({ cwd: path.join(FIXTURES, fixture), inputs, outDir });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, "generate() rejects");
  assert.ok(caught instanceof CodegenError, `expected a CodegenError, got ${inspect(caught)}`);
  assert.ok(!existsSync(outDir) || readdirSync(outDir).length === 0, "nothing is written to the output directory");
  return caught;
}

test("local pointers: #/$defs/X and #/definitions/Y become named types and validators", async () => {
  const { result, module } = await build(
    "local",
    ["order.json"],
    `import type { LineItem, Money, Order } from "./index.js";
const itemsAreLineItems: Equal<Order["items"], LineItem[]> = true;
const totalIsMoney: Equal<Order["total"], Money> = true;
const priceIsMoney: Equal<LineItem["price"], Money> = true;
const currency: Equal<Money["currency"], "EUR" | "USD" | "GBP"> = true;
// @ts-expect-error additionalProperties: false, so the type has no other properties either
const withNote: Money = { amount: 1, currency: "EUR", note: 5 };
`,
  );
  // Each definition is a module of its own.
  assert.deepEqual(fileNames(result), ["LineItem.ts", "Money.ts", "Order.ts", "_runtime.ts", "index.ts"]);
  const validateOrder = validatorOf(module, "Order");
  const validateLineItem = validatorOf(module, "LineItem");
  const validateMoney = validatorOf(module, "Money");

  const eur = (amount: number) => ({ amount, currency: "EUR" });
  assertValid(validateOrder, { id: "o-1", items: [{ sku: "A-1", quantity: 2, price: eur(450) }], total: eur(900), discount: eur(100) });
  assertValid(validateOrder, { id: "o-2", items: [], total: eur(0) });
  assertValid(validateLineItem, { sku: "B", quantity: 1, price: { amount: 5, currency: "GBP" } });
  assertValid(validateMoney, { amount: 1, currency: "USD" });

  assertErrors(
    validateOrder,
    {
      id: "o-3",
      items: [
        { sku: "A-1", quantity: 1, price: eur(1) },
        { sku: "A-2", quantity: 1.5, price: { amount: 3, currency: "JPY" } },
      ],
      total: { amount: 4 },
      discount: { amount: 1, currency: "EUR", note: "x" },
    },
    [
      ["/items/1/quantity", "type"],
      ["/items/1/price/currency", "enum"],
      ["/total", "required"],
      ["/discount", "additionalProperties"],
    ],
  );
  assertErrors(validateOrder, { id: 7, items: [{ sku: "A" }], total: eur(1), extra: true }, [
    ["/id", "type"],
    ["/items/0", "required"],
    ["/items/0", "required"],
    ["", "additionalProperties"],
  ]);
  assertErrors(validateMoney, { amount: "1", currency: "EUR" }, [["/amount", "type"]]);
  // The $defs/definitions validators keep their own schema paths.
  const moneyResult = validateMoney([]);
  assert.ok(!moneyResult.valid);
  assert.deepEqual(
    moneyResult.errors.map((error) => error.schemaPath),
    ["#/definitions/Money/type"],
  );
});

test("boolean and empty schemas as ref targets: unknown and never, not objects", async () => {
  const { module } = await build(
    "booleans",
    ["envelope.json"],
    `import type { Anything, Envelope, Free, Nothing } from "./index.js";
const anything: Equal<Anything, unknown> = true;
const nothing: Equal<Nothing, never> = true;
const free: Equal<Free, unknown> = true;
const payload: Equal<Envelope["payload"], unknown> = true;
`,
  );
  for (const value of [null, 0, "text", [], {}]) {
    assertValid(validatorOf(module, "Anything"), value);
    assertValid(validatorOf(module, "Free"), value);
    assertErrors(validatorOf(module, "Nothing"), value, [["", "false schema"]]);
  }
  assertValid(validatorOf(module, "Envelope"), { payload: null, note: [1] });
  assertErrors(validatorOf(module, "Envelope"), { forbidden: 1 }, [["/forbidden", "false schema"]]);
});

test("relative file refs: ./common/address.json and ../base-defs.json#/definitions/Money, loaded even when not an input", async () => {
  const typeChecks = `import type { Address, CountryCode, Customer, Money } from "./index.js";
const billing: Equal<Customer["billingAddress"], Address> = true;
const shipping: Equal<NonNullable<Customer["shippingAddresses"]>, Address[]> = true;
const creditLimit: Equal<NonNullable<Customer["creditLimit"]>, Money> = true;
const country: Equal<Address["country"], CountryCode> = true;
const codes: Equal<CountryCode, "DE" | "FR" | "GB" | "US"> = true;
`;
  // Only customer.json is an input: common/address.json and ../base-defs.json are found through its $refs.
  const { result, module } = await build("relative", ["schemas/customer.json"], typeChecks);
  assert.deepEqual(fileNames(result), [
    "Address.ts",
    "BaseDefs.ts",
    "CountryCode.ts",
    "Customer.ts",
    "Money.ts",
    "_runtime.ts",
    "index.ts",
  ]);
  const address = result.files.find((file) => file.name === "Address.ts")!;
  assert.match(address.source, /^\/\/ Generated by codegen from schemas\/common\/address\.json\./);
  const base = result.files.find((file) => file.name === "BaseDefs.ts")!;
  assert.match(base.source, /^\/\/ Generated by codegen from base-defs\.json\./);
  for (const name of ["Money", "CountryCode"]) {
    const definition = result.files.find((file) => file.name === `${name}.ts`)!;
    assert.match(definition.source, new RegExp(`^// Generated by codegen from base-defs\\.json#/definitions/${name}\\.`));
    assert.match(definition.source, new RegExp(`export function is${name}\\(`));
  }

  const validateCustomer = validatorOf(module, "Customer");
  const validateAddress = validatorOf(module, "Address");
  validatorOf(module, "Money");
  validatorOf(module, "CountryCode");

  const berlin = { street: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE" };
  assertValid(validateCustomer, {
    name: "ACME",
    billingAddress: berlin,
    shippingAddresses: [berlin],
    creditLimit: { amount: 5000, currency: "EUR" },
  });
  assertValid(validateCustomer, { name: "Solo", billingAddress: { street: "1 Main St", city: "Springfield", country: "US" } });
  assertErrors(
    validateCustomer,
    {
      name: "ACME",
      billingAddress: { ...berlin, country: "XX" },
      shippingAddresses: [berlin, { ...berlin, floor: 3 }, { city: "Paris", country: "FR" }],
      creditLimit: { amount: "5000", currency: "EUR" },
    },
    [
      ["/billingAddress/country", "enum"],
      ["/shippingAddresses/1", "additionalProperties"],
      ["/shippingAddresses/2", "required"],
      ["/creditLimit/amount", "type"],
    ],
  );
  assertErrors(validateAddress, { street: "x", city: "y", country: 49 }, [
    ["/country", "type"],
    ["/country", "enum"],
  ]);

  // The same layout with the whole directory as input: address.json is an input and referenced; one module.
  const fromDirectory = await generate({
    cwd: path.join(FIXTURES, "relative"),
    inputs: ["schemas"],
    outDir: outputDirectory("refs-relative-dir"),
  });
  assert.deepEqual(fileNames(fromDirectory), fileNames(result));
  assert.equal(fromDirectory.typeCount, result.typeCount);
});

test("components: #/components/schemas/<name> finds the file with that $id, or the file <name>.json", async () => {
  const { result, module } = await build(
    "components",
    ["."],
    `import type { Category, Owner, Pet, Tag } from "./index.js";
const category: Equal<Pet["category"], Category> = true;
const owner: Equal<NonNullable<Pet["owner"]>, Owner> = true;
const pets: Equal<NonNullable<Owner["pets"]>, Pet[]> = true;
const parent: Equal<NonNullable<Category["parent"]>, Category> = true;
const tags: Equal<NonNullable<Pet["tags"]>, Tag[]> = true;
`,
  );
  // Named after the component in "$id" (owner-schema.json → Owner, category-v2.json → Category), else after the file (Tag.json).
  assert.deepEqual(fileNames(result), ["Category.ts", "Owner.ts", "Pet.ts", "Tag.ts", "_formats.ts", "_runtime.ts", "index.ts"]);
  assert.equal(result.typeCount, 4);
  const validatePet = validatorOf(module, "Pet");
  const validateOwner = validatorOf(module, "Owner");
  const validateTag = validatorOf(module, "Tag");
  validatorOf(module, "Category");

  const dogs = { slug: "dogs", parent: { slug: "mammals" } };
  assertValid(validatePet, {
    id: 1,
    name: "Rex",
    category: dogs,
    owner: { name: "Ann", pets: [{ id: 2, name: "Fido", category: dogs }] },
    tags: [{ label: "good" }],
  });
  assertValid(validateOwner, { name: "Bob" });
  assertValid(validateTag, { label: "x" });

  assertErrors(
    validatePet,
    {
      id: 2 ** 31,
      name: "Rex",
      category: { parent: { slug: "mammals" } },
      owner: { name: "Ann", pets: [{ id: 2, name: "Fido", category: { slug: "dogs", parent: { slug: 5 } } }] },
      tags: [{ label: "good" }, { label: "bad", colour: "red" }],
    },
    [
      ["/id", "format"],
      ["/category", "required"],
      ["/owner/pets/0/category/parent/slug", "type"],
      ["/tags/1", "additionalProperties"],
    ],
  );
  assertErrors(validateOwner, { pets: [{ id: 3, name: "Tom" }] }, [
    ["", "required"],
    ["/pets/0", "required"],
  ]);
});

test("percent-encoded pointers: #/definitions/Record%3Cstring%2Cnumber%3E and #/definitions/a~1b~0c", async () => {
  const { result, module } = await build(
    "encoded",
    ["metrics.json"],
    `import type { ABC, Metrics, RecordStringNumber } from "./index.js";
const counters: Equal<Metrics["counters"], RecordStringNumber> = true;
const route: Equal<Metrics["route"], ABC> = true;
const record: Equal<RecordStringNumber[string], number> = true;
`,
  );
  assert.deepEqual(fileNames(result), ["ABC.ts", "Metrics.ts", "RecordStringNumber.ts", "_runtime.ts", "index.ts"]);
  assert.equal(result.typeCount, 3);
  const validateMetrics = validatorOf(module, "Metrics");
  // `Record<string,number>` → RecordStringNumber, `a/b~c` → ABC.
  const validateRecord = validatorOf(module, "RecordStringNumber");
  const validateRoute = validatorOf(module, "ABC");

  assertValid(validateMetrics, { counters: { "a/b": 1, "x~y": 2.5 }, route: { path: "/orders" } });
  assertValid(validateRecord, {});
  assertValid(validateRoute, { path: "" });
  assertErrors(validateMetrics, { counters: { ok: 1, "a/b": "1", "x~y": null }, route: {} }, [
    ["/counters/a~1b", "type"],
    ["/counters/x~0y", "type"],
    ["/route", "required"],
  ]);
  assertErrors(validateMetrics, { counters: [], route: { path: 1 } }, [
    ["/counters", "type"],
    ["/route/path", "type"],
  ]);
  // The schema paths use the (unencoded) pointer of the definition, ~-escaped.
  const routeResult = validateRoute({ path: 1 });
  assert.ok(!routeResult.valid);
  assert.deepEqual(
    routeResult.errors.map((error) => error.schemaPath),
    ["#/definitions/a~1b~0c/properties/path/type"],
  );
});

/** A chain of `depth` nodes: every node but the last has children [leaf, next], so the path is /children/1/…. */
function chain(depth: number, lastValue: unknown, nodeIndex = 1): Record<string, unknown> {
  if (depth === 1) return { value: lastValue };
  return { value: nodeIndex, children: [{ value: -nodeIndex }, chain(depth - 1, lastValue, nodeIndex + 1)] };
}

test("circular refs: a recursive $defs/Node tree, validated 50 levels deep", async () => {
  const { result, module } = await build(
    "circular/tree",
    ["tree.json"],
    `import type { Node, Tree } from "./index.js";
const root: Equal<Tree["root"], Node> = true;
const children: Equal<NonNullable<Node["children"]>, Node[]> = true;
const ok: Tree = { root: { value: 1, children: [{ value: 2, children: [{ value: 3, children: [] }] }] } };
// @ts-expect-error a node four levels down still needs a numeric value
const bad: Tree = { root: { value: 1, children: [{ value: 2, children: [{ value: 3, children: [{ value: "4" }] }] }] } };
`,
  );
  assert.deepEqual(fileNames(result), ["Node.ts", "Tree.ts", "_runtime.ts", "index.ts"]);
  const validateTree = validatorOf(module, "Tree");
  const validateNode = validatorOf(module, "Node");

  assertValid(validateTree, { root: chain(50, 50) });
  assertValid(validateNode, chain(50, 0));
  assertErrors(validateTree, { root: chain(50, "deep") }, [[`/root${"/children/1".repeat(49)}/value`, "type"]]);
  assertErrors(validateTree, { root: { value: 0, children: [{ value: 1, children: [{ value: 2 }, { value: 3.5 }] }] } }, [
    ["/root/children/0/children/1/value", "type"],
  ]);
  assertErrors(validateNode, { value: 0, children: [{ children: [{ value: 1, label: "x" }] }, "leaf"] }, [
    ["/children/0", "required"],
    ["/children/0/children/0", "additionalProperties"],
    ["/children/1", "type"],
  ]);
});

test('circular refs: a self-referencing root ({"$ref": "#"} children)', async () => {
  const { result, module } = await build(
    "circular/self",
    ["menu-item.json"],
    `import type { MenuItem } from "./index.js";
const children: Equal<NonNullable<MenuItem["children"]>, MenuItem[]> = true;
// @ts-expect-error a grandchild needs a label
const bad: MenuItem = { label: "File", value: 1, children: [{ label: "Open", value: 2, children: [{ value: 3 }] }] };
`,
  );
  assert.deepEqual(fileNames(result), ["MenuItem.ts", "_runtime.ts", "index.ts"]);
  assert.equal(result.typeCount, 1);
  const validateMenuItem = validatorOf(module, "MenuItem");

  const deep = (depth: number, last: unknown): unknown =>
    depth === 1 ? { label: "leaf", value: last } : { label: `level ${depth}`, value: depth, children: [deep(depth - 1, last)] };
  assertValid(validateMenuItem, deep(50, 1));
  assertErrors(validateMenuItem, deep(50, "1"), [[`${"/children/0".repeat(49)}/value`, "type"]]);
  assertErrors(
    validateMenuItem,
    {
      label: "File",
      value: 1,
      children: [
        {
          label: "Recent",
          value: 2,
          children: [
            { label: "a.txt", value: 3 },
            { label: "b.txt", value: null },
          ],
        },
      ],
    },
    [["/children/0/children/1/value", "type"]],
  );
  assertErrors(validateMenuItem, { label: "File", value: 1, children: [{ label: "Open", value: 2, children: {} }] }, [
    ["/children/0/children", "type"],
  ]);
});

test("circular refs: mutual recursion between two files (department.json ↔ employee.json)", async () => {
  // Only department.json is an input; employee.json is loaded through its $ref and refers back to it.
  const { result, module } = await build(
    "circular/mutual",
    ["department.json"],
    `import type { Department, Employee } from "./index.js";
const head: Equal<NonNullable<Department["head"]>, Employee> = true;
const department: Equal<NonNullable<Employee["department"]>, Department> = true;
const reports: Equal<NonNullable<Employee["reports"]>, Employee[]> = true;
const subDepartments: Equal<NonNullable<Department["subDepartments"]>, Department[]> = true;
`,
  );
  assert.deepEqual(fileNames(result), ["Department.ts", "Employee.ts", "_runtime.ts", "index.ts"]);
  const validateDepartment = validatorOf(module, "Department");
  const validateEmployee = validatorOf(module, "Employee");

  assertValid(validateDepartment, {
    name: "R&D",
    head: { name: "Ada", department: { name: "R&D" }, reports: [{ name: "Bob", reports: [{ name: "Cy" }] }] },
    subDepartments: [{ name: "ML", head: { name: "Dee" } }],
  });
  assertValid(validateEmployee, { name: "Eve", department: { name: "Ops", head: { name: "Eve", department: { name: "Ops" } } } });
  assertErrors(
    validateDepartment,
    {
      name: "R&D",
      head: { name: "Ada", department: { name: "R&D", head: { name: 42 } }, reports: [{ name: "Bob" }, {}] },
      subDepartments: [{ name: "ML", head: { name: "Dee", department: { head: { name: "Eve" } } } }],
    },
    [
      ["/head/department/head/name", "type"],
      ["/head/reports/1", "required"],
      ["/subDepartments/0/head/department", "required"],
    ],
  );
  assertErrors(validateEmployee, { name: "Eve", department: { name: "Ops", subDepartments: [{ name: "A" }, { name: "B", head: [] }] } }, [
    ["/department/subDepartments/1/head", "type"],
  ]);
});

test("errors: an unresolvable local pointer rejects with a CodegenError at the $ref", async () => {
  const error = await generateError("errors/missing-definition", ["."]);
  assert.equal(error.file, "settings.json");
  assert.equal(error.pointer, "/properties/a/$ref");
  assert.match(error.message, /#\/definitions\/Missing/);
  assert.match(error.describe(), /^settings\.json#\/properties\/a\/\$ref: /);
});

test("errors: a missing component rejects with a CodegenError whose hint names the component", async () => {
  const error = await generateError("errors/missing-component", ["."]);
  assert.equal(error.file, "Invoice.json");
  assert.equal(error.pointer, "/properties/customer/$ref");
  assert.match(error.message, /BillingCustomer/);
  assert.ok(error.hint?.includes("BillingCustomer"), `hint mentions the component: ${String(error.hint)}`);
});

test("errors: a malformed percent-encoding in a $ref is a CodegenError at the $ref", async () => {
  // "#/definitions/19%" is not a valid URI fragment: "%" must be written "%25".
  const error = await generateError("errors/malformed-pointer", ["pricing.json"]);
  assert.equal(error.file, "pricing.json");
  assert.equal(error.pointer, "/properties/vat/$ref");
});

test("errors: a $ref to a missing file is reported at that $ref, in the file that holds it", async () => {
  // catalog.json → parts/part.json (not an input) → ../vendor.json, which does not exist.
  const error = await generateError("errors/missing-file", ["catalog.json"]);
  assert.match(error.message, /vendor\.json/);
  assert.equal(error.file, "parts/part.json");
  assert.equal(error.pointer, "/properties/vendor/$ref");
});

test("type names are deterministic: colliding $defs get stable names and repeated runs are byte-identical", async () => {
  const cwd = path.join(FIXTURES, "naming");
  const first = outputDirectory("refs-naming-1");
  const second = outputDirectory("refs-naming-2");
  const a = await generate({ cwd, inputs: ["billing", "shipping"], outDir: first });
  const b = await generate({ cwd, inputs: ["shipping/shipment.json", "billing"], outDir: second });
  // Id and Address are in both files: each takes its file's name. Shipment's Status is written so; billing's status yields.
  assert.deepEqual(fileNames(a), [
    "Invoice.ts",
    "InvoiceAddress.ts",
    "InvoiceId.ts",
    "InvoiceStatus.ts",
    "Shipment.ts",
    "ShipmentAddress.ts",
    "ShipmentId.ts",
    "Status.ts",
    "_runtime.ts",
    "index.ts",
  ]);
  assert.deepEqual(fileNames(b), fileNames(a));
  assert.equal(a.typeCount, 8);
  for (const name of fileNames(a)) {
    assert.equal(readFileSync(path.join(second, name), "utf8"), readFileSync(path.join(first, name), "utf8"), `${name} is byte-identical`);
  }
  assert.deepEqual(
    b.files.map((file) => [file.name, file.source]),
    a.files.map((file) => [file.name, file.source]),
  );
  // A third run into the first directory changes nothing.
  const again = await generate({ cwd, inputs: ["billing", "shipping"], outDir: first });
  assert.deepEqual(again.changes, []);

  const jsDir = compileGenerated(first);
  const module = await importGenerated(jsDir, "index");
  assertValid(validatorOf(module, "InvoiceId"), "INV-1");
  assertErrors(validatorOf(module, "ShipmentId"), "SHP-1", [["", "type"]]);
  assertValid(validatorOf(module, "ShipmentId"), 17);
  assertValid(validatorOf(module, "InvoiceAddress"), { line1: "1 Main St" });
  assertErrors(validatorOf(module, "ShipmentAddress"), { line1: "1 Main St" }, [["", "required"]]);
  assertValid(validatorOf(module, "InvoiceStatus"), "paid");
  assertErrors(validatorOf(module, "Status"), "paid", [["", "enum"]]);
  const validateShipment = validatorOf(module, "Shipment");
  assertValid(validateShipment, {
    id: 1,
    address: { street: "2 High St" },
    status: "packed",
    invoice: { id: "INV-1", address: { line1: "1 Main St" } },
  });
  assertErrors(validateShipment, { id: "1", address: { line1: "x" }, invoice: { id: 1, address: { street: "x" }, status: "packed" } }, [
    ["/id", "type"],
    ["/address", "required"],
    ["/invoice/id", "type"],
    ["/invoice/address", "required"],
    ["/invoice/status", "enum"],
  ]);
});

test("a bundle's $defs and definitions are named outputs even when nothing refers to them", async () => {
  const dir = temporaryDirectory("bundle");
  writeFileSync(
    path.join(dir, "bundle.json"),
    JSON.stringify({
      $defs: {
        Money: { type: "object", required: ["amount"], properties: { amount: { type: "integer" } } },
        Currency: { enum: ["EUR", "USD"] },
      },
      definitions: { Legacy: { type: "string" } },
    }),
  );
  const result = await generate({ cwd: dir, inputs: ["bundle.json"], outDir: "out", cache: false });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  for (const name of ["Money", "Currency", "Legacy"]) assert.equal(typeof module[`validate${name}`], "function", `validate${name}`);
  assert.equal((module["isCurrency"] as (value: unknown) => boolean)("EUR"), true);
  assert.equal((module["isMoney"] as (value: unknown) => boolean)({ amount: 1.5 }), false);
  assert.ok(result.typeCount >= 4);
});

test("each definition of a bundle is a module of its own, importing the definitions it uses, even in a cycle", async () => {
  const dir = temporaryDirectory("bundle-modules");
  writeFileSync(
    path.join(dir, "bundle.json"),
    JSON.stringify({
      title: "Catalog",
      type: "object",
      properties: { items: { type: "array", items: { $ref: "#/$defs/Item" } } },
      $defs: {
        Item: { type: "object", required: ["price"], properties: { price: { $ref: "#/$defs/Money" }, parts: { $ref: "#/$defs/Parts" } } },
        Money: {
          type: "object",
          required: ["amount"],
          properties: { amount: { type: "integer" }, currency: { $ref: "#/$defs/Currency" } },
        },
        Currency: { enum: ["EUR", "USD"] },
        Parts: { type: "array", items: { $ref: "#/$defs/Item" } },
      },
    }),
  );
  const result = await generate({ cwd: dir, inputs: ["bundle.json"], outDir: "out", cache: false });
  assert.deepEqual(fileNames(result), ["Catalog.ts", "Currency.ts", "Item.ts", "Money.ts", "Parts.ts", "_runtime.ts", "index.ts"]);
  const item = result.files.find((file) => file.name === "Item.ts")!.source;
  assert.match(item, /^\/\/ Generated by codegen from bundle\.json#\/\$defs\/Item\./m);
  assert.match(item, /from "\.\/Money\.js";/);
  assert.match(item, /from "\.\/Parts\.js";/, "Item and Parts import each other");
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const isCatalog = module["isCatalog"] as (value: unknown) => boolean;
  assert.equal(isCatalog({ items: [{ price: { amount: 1, currency: "EUR" }, parts: [{ price: { amount: 2 } }] }] }), true);
  assert.equal(isCatalog({ items: [{ price: { amount: 1 }, parts: [{ price: { amount: 2, currency: "GBP" } }] }] }), false);
});

test("type names that differ only in case, and a type named Index, do not share a file on a case-insensitive file system", async () => {
  const dir = temporaryDirectory("case-names");
  writeFileSync(
    path.join(dir, "a.json"),
    JSON.stringify({ title: "Doc", $defs: { XML: { type: "string" }, Xml: { type: "number" }, Index: { type: "boolean" } } }),
  );
  const result = await generate({ cwd: dir, inputs: ["a.json"], outDir: "out", cache: false });
  const folded = result.files.map((file) => file.name.toLowerCase());
  assert.equal(new Set(folded).size, folded.length, `file names collide: ${result.files.map((file) => file.name).join(", ")}`);
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const guards = Object.keys(module).filter((name) => name.startsWith("is"));
  assert.equal(guards.length, 4, guards.join(", "));
});

test("the largest module of a large published bundle (Vega-Lite's 469 types) stays under 1 MB", async () => {
  const dir = temporaryDirectory("vega-lite");
  const result = await generate({
    cwd: REPO_ROOT,
    inputs: ["node_modules/vega-lite/build/vega-lite-schema.json"],
    outDir: dir,
    check: true,
    cache: false,
  });
  const largest = result.files.reduce((big, file) => (file.source.length > big.source.length ? file : big));
  assert.ok(result.files.length > 400, `${result.files.length} files`);
  assert.ok(largest.source.length <= 1e6, `${largest.name} is ${largest.source.length} bytes`);
});

test("a schema reached only by a $ref by pointer (inside an unknown keyword) has its own $refs linked, in its document's dialect", async () => {
  const dir = temporaryDirectory("detached");
  writeFileSync(
    path.join(dir, "doc.json"),
    JSON.stringify({
      $schema: "http://json-schema.org/draft-07/schema#",
      definitions: { pet: { type: "object" } },
      "x-extra": { inner: { type: "object", properties: { p: { $ref: "#/definitions/pet" } } }, alias: { $ref: "#/definitions/pet" } },
    }),
  );
  writeFileSync(path.join(dir, "inner.json"), JSON.stringify({ $ref: "doc.json#/x-extra/inner" }));
  writeFileSync(path.join(dir, "alias.json"), JSON.stringify({ $ref: "doc.json#/x-extra/alias" }));
  await generate({ cwd: dir, inputs: ["inner.json", "alias.json"], outDir: "out", cache: false });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const isInner = module["isInner"] as (value: unknown) => boolean;
  const isAlias = module["isAlias"] as (value: unknown) => boolean;
  assert.equal(isInner({ p: {} }), true);
  assert.equal(isInner({ p: 5 }), false, "the inner $ref applies");
  assert.equal(isAlias({}), true);
  assert.equal(isAlias(5), false, "a detached $ref is its target");
});

test("a $ref into an OpenAPI 3.0 document's paths reads the schema in the document's dialect", async () => {
  const dir = temporaryDirectory("detached-openapi");
  const parameter = { name: "n", in: "query", schema: { type: "number", minimum: 0, exclusiveMinimum: true } };
  writeFileSync(
    path.join(dir, "api.json"),
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: { "/a": { get: { parameters: [parameter], responses: {} } } },
    }),
  );
  writeFileSync(path.join(dir, "count.json"), JSON.stringify({ $ref: "api.json#/paths/~1a/get/parameters/0/schema" }));
  await generate({ cwd: dir, inputs: ["count.json"], outDir: "out", cache: false });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const isCount = module["isCount"] as (value: unknown) => boolean;
  assert.equal(isCount(1), true);
  assert.equal(isCount(0), false, "OpenAPI 3.0's boolean exclusiveMinimum");
});
