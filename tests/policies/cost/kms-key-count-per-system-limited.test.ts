import * as assert from "assert";
import { kmsKeyCountPerSystemLimited as policy } from "../../../policies/cost/kms-key-count-per-system-limited";
import { assertNoViolations, runPolicy, type StackFixtureResource } from "../../../policies/testing";
import { describePolicy } from "../support/spec";
import { r, SYSTEM, urnOf } from "./support";

const NAME = "aws-kms-key-count-per-system-limited";

/** The shop system with `n` keys as its children. */
function keys(n: number): StackFixtureResource[] {
    return [r(SYSTEM, "shop"), ...Array.from({ length: n }, (_, i) => r("aws:kms/key:Key", `key-${i + 1}`, { parent: "shop" }))];
}

const seven = /has 7 customer managed KMS keys \(more than 6; each costs \$1\/month\): key-1, .*key-7/;

// Six keys and the default maxKeysPerSystem (6).
describePolicy("aws-kms-key-count-per-system-limited", {
    level: "advisory",
    description: /no more customer managed KMS keys than one per data class needs/,
    compliant: keys(6),
    alsoCompliant: [
        { title: "a seventh key is allowed by maxKeysPerSystem 7", change: (f) => f.push(r("aws:kms/key:Key", "key-7", { parent: "shop" })), config: { maxKeysPerSystem: 7 } },
        { title: "a seventh key belongs to no system", change: (f) => f.push(r("aws:kms/key:Key", "key-7")) },
    ],
    cases: [
        { title: "a seventh key", break: (f) => f.push(r("aws:kms/key:Key", "key-7", { parent: "shop" })), expect: seven },
        {
            title: "a seventh key under one of the system's components",
            break: (f) => f.push(r("platform:database:DataTable", "orders", { parent: "shop" }), r("aws:kms/key:Key", "key-7", { parent: "orders" })),
            expect: seven,
        },
        { title: "maxKeysPerSystem is below the system's six keys", break: () => undefined, config: { maxKeysPerSystem: 5 }, expect: /has 6 customer managed KMS keys \(more than 5;/ },
    ],
});

describe(`${NAME}: the finding`, () => {
    it("is reported on the System, listing its keys, past maxKeysPerSystem only", async () => {
        const found = await runPolicy(policy, keys(7), { maxKeysPerSystem: 6 });
        assert.strictEqual(found[0].urn, urnOf(SYSTEM, "shop"));
        assert.match(found[0].message, /platform:core:System "shop": has 7 customer managed KMS keys \(more than 6; each costs \$1\/month\): key-1, .*key-7/);
        assertNoViolations(await runPolicy(policy, keys(7), { maxKeysPerSystem: 7 }));
        assertNoViolations(await runPolicy(policy, keys(6), { maxKeysPerSystem: 6 }));
    });
});
