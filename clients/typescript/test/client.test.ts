// The typed client a frontend would use, against the live dev stack: types generated from the api's OpenAPI
// document (openapi-typescript, generated/api.d.ts), requests made with openapi-fetch. That this compiles under
// `strict` is half the check (paths, parameters, bodies and answers are the document's); the other half is that
// the dev stack answers what the types say. Run by tests/contract/run.sh (CONTRACT_API, CONTRACT_SHOPPER_TOKEN,
// CONTRACT_OPS_TOKEN).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import createClient from "openapi-fetch";
import type { components, paths } from "../generated/api.js";

type Problem = components["schemas"]["Problem"];

function setting(name: string): string {
    const value = process.env[name];
    assert.ok(value, `${name} is not set (tests/contract/run.sh sets it)`);
    return value;
}

const baseUrl = setting("CONTRACT_API");
const anyone = createClient<paths>({ baseUrl });
const shopper = createClient<paths>({
    baseUrl, headers: { Authorization: `Bearer ${setting("CONTRACT_SHOPPER_TOKEN")}` },
});
const ops = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${setting("CONTRACT_OPS_TOKEN")}` } });

async function productInStock(size: string): Promise<components["schemas"]["ProductResponse"]> {
    const { data, error } = await anyone.GET("/api/products", {
        params: { query: { inStock: "true", size, pageSize: 50 } },
    });
    assert.equal(error, undefined);
    const product = data?.items.find((p) => p.sizes.some((s) => s.size === size && s.stock >= 2));
    assert.ok(product, `a product in size ${size} with stock`);
    return product;
}

test("anyone browses the catalog: a page of products and one of them", async () => {
    const { data, response } = await anyone.GET("/api/products", { params: { query: { pageSize: 3 } } });
    assert.equal(response.status, 200);
    assert.ok(data);
    assert.equal(data.items.length, 3);
    assert.equal(data.pageSize, 3);
    const first = data.items[0];
    assert.ok(first);
    // Ids are integers; prices are decimal strings ("19.50"), never floats.
    assert.ok(Number.isInteger(first.id));
    assert.match(first.price, /^\d+(\.\d{1,2})?$/);

    const one = await anyone.GET("/api/products/{id}", { params: { path: { id: first.id } } });
    assert.equal(one.data?.sku, first.sku);
});

test("a shopper replaces their profile and reads it back", async () => {
    const profile: components["schemas"]["ProfileDocument"] = {
        usualSizes: { dresses: "M", shoes: "39" },
        budget: { currency: "USD", max: 150 },
    };
    const saved = await shopper.PUT("/api/me/profile", { body: profile });
    assert.equal(saved.response.status, 200, JSON.stringify(saved.error));

    const { data } = await shopper.GET("/api/me/profile");
    assert.deepEqual(data?.usualSizes, { dresses: "M", shoes: "39" });
    assert.equal(data?.budget?.currency, "USD");
});

test("a shopper starts a checkout (202), the same key again replays it, and reads it", async () => {
    const product = await productInStock("M");
    const body: components["schemas"]["CheckoutCommand"] = {
        items: [{ productId: product.id, size: "M", quantity: 1 }],
        paymentMethod: "pm_card_visa",
        shippingAddress: { name: "Ada Lovelace", line1: "1 Loom Street", city: "London", postalCode: "N1 9GU",
            country: "GB" },
    };
    const key = randomUUID();
    const started = await shopper.POST("/api/checkouts", { params: { header: { "Idempotency-Key": key } }, body });
    assert.equal(started.response.status, 202, JSON.stringify(started.error));
    assert.ok(started.data);
    assert.equal(started.response.headers.get("Location"), `/api/checkouts/${started.data.checkoutId}`);

    const again = await shopper.POST("/api/checkouts", { params: { header: { "Idempotency-Key": key } }, body });
    assert.equal(again.response.status, 202);
    assert.equal(again.response.headers.get("Idempotent-Replayed"), "true");
    assert.equal(again.data?.checkoutId, started.data.checkoutId);

    const read = await shopper.GET("/api/checkouts/{checkoutId}", {
        params: { path: { checkoutId: started.data.checkoutId } },
    });
    assert.equal(read.data?.checkoutId, started.data.checkoutId);
});

test("errors are typed problems: a bad parameter, another's resource, a missing role", async () => {
    const invalid = await anyone.GET("/api/products", { params: { query: { pageSize: 1000 } } });
    assert.equal(invalid.response.status, 400);
    assert.equal(invalid.response.headers.get("Content-Type"), "application/problem+json");
    const problem: Problem | undefined = invalid.error;
    assert.deepEqual(problem?.violations?.map((v) => v.field), ["pageSize"]);

    const unknown = await shopper.GET("/api/orders/{orderId}", { params: { path: { orderId: randomUUID() } } });
    assert.equal(unknown.response.status, 404);
    assert.equal(unknown.error?.status, 404);

    const forbidden = await shopper.GET("/api/ops/health");
    assert.equal(forbidden.response.status, 403);
    assert.equal(forbidden.error?.status, 403);

    const noToken = await anyone.GET("/api/me/profile");
    assert.equal(noToken.response.status, 401);
});

test("ops read the infrastructure: without a Vultr key, the servers the api uses", async () => {
    const { data, response } = await ops.GET("/api/ops/infrastructure/summary");
    assert.equal(response.status, 200);
    assert.equal(data?.provider, "vultr");
    assert.equal(data?.configured, false);
    assert.deepEqual(data?.localComponents?.map((component) => component.name), ["postgresql", "valkey", "temporal"]);
    const forbidden = await shopper.GET("/api/ops/infrastructure");
    assert.equal(forbidden.response.status, 403);
});

test("ops read the health of the api and of each dependency", async () => {
    const { data, error, response } = await ops.GET("/api/ops/health");
    const health = data ?? error;
    assert.ok([200, 503].includes(response.status));
    assert.ok(health && "status" in health);
    assert.ok(["UP", "DOWN", "UNKNOWN"].includes(String(health.status)));
});
