import * as assert from "assert";
import { Alarms } from "../../components/alarms";
import { Dashboard, type DashboardArgs } from "../../components/dashboard";
import { runInline, type RunResult } from "../../engine/run";
import { inputs, one, ofType } from "../support/records";
import { interfaceProperties, readmeInputNames } from "../support/readme";

const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

type Widget = { type: string; x: number; y: number; width: number; height: number; properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function body(result: RunResult): { widgets: Widget[]; start: string } {
    return JSON.parse(inputs(one(result, DASHBOARD)).dashboardBody);
}

const graphs = (result: RunResult) => body(result).widgets.filter((w) => w.type === "metric");
const graph = (result: RunResult, title: string, after?: string) => {
    const widgets = body(result).widgets;
    const from = after === undefined ? 0 : widgets.findIndex((w) => w.type === "text" && w.properties.markdown === `## ${after}`);
    const found = widgets.slice(from).find((w) => w.type === "metric" && w.properties.title === title);
    assert.ok(found, `a graph "${title}"${after ? ` after ${after}` : ""}; graphs: ${graphs(result).map((g) => g.properties.title).join(", ")}`);
    return found;
};

const run = (args: DashboardArgs, mode: "preview" | "apply" = "apply") => runInline(() => { new Dashboard("shop-dashboard", args); }, { mode });

describe("Dashboard", () => {
    it("is one CloudWatch dashboard named after project, stack and component, with a text header per section", async () => {
        const result = await run({ sections: [{ kind: "lambda", title: "Functions", functions: { api: "shop-api" } }] });
        const d = inputs(one(result, DASHBOARD));
        assert.match(d.dashboardName, /^[A-Za-z0-9_-]+-shop-dashboard$/, "project-stack-name");
        assert.match(one(result, DASHBOARD).parent!, /platform:monitoring:Dashboard::shop-dashboard$/);
        const headers = body(result).widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown);
        assert.deepStrictEqual(headers, ["## Functions"]);
        const outputs = result.resources.find((r) => r.type === "platform:monitoring:Dashboard")!.outputs as Record<string, string>;
        assert.match(outputs.url, /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#dashboards\/dashboard\/.+-shop-dashboard$/);
        assert.strictEqual(outputs.dashboardArn, one(result, DASHBOARD).outputs.dashboardArn);
    });

    it("graphs the golden signals of an API from the alarms' metric definitions, in the stack's region, five-minute points", async () => {
        const result = await run({ sections: [{ kind: "apiGateway", title: "API", apiName: "shop", stage: "v1" }] });
        const requests = graph(result, "Requests");
        assert.deepStrictEqual(requests.properties.metrics, [["AWS/ApiGateway", "Count", "ApiName", "shop", "Stage", "v1", { stat: "Sum", label: "Requests" }]]);
        assert.strictEqual(requests.properties.region, "us-east-1");
        assert.strictEqual(requests.properties.period, 300);
        assert.deepStrictEqual(graph(result, "Errors").properties.metrics.map((m: unknown[]) => m[1]), ["4XXError", "5XXError"]);
        assert.deepStrictEqual(graph(result, "Latency (ms)").properties.metrics.map((m: unknown[]) => [m[1], (m[6] as { stat: string }).stat]), [["Latency", "p50"], ["Latency", "p99"], ["IntegrationLatency", "p99"]]);
    });

    it("reads exactly the metric an alarm watches (namespace, name, dimensions, statistic)", async () => {
        const result = await runInline(() => {
            const alarms = new Alarms("shop-alarms");
            alarms.lambdaErrors("api-errors", { functionName: "shop-api" });
            alarms.databaseCpu("db-cpu", { dbInstanceIdentifier: "shop-db" });
            new Dashboard("shop-dashboard", {
                sections: [
                    { kind: "lambda", title: "Functions", functions: { api: "shop-api" } },
                    { kind: "database", title: "Database", dbInstanceIdentifier: "shop-db" },
                ],
            });
        });
        const lines = graphs(result).flatMap((g) => g.properties.metrics as unknown[][]);
        for (const alarm of ofType(result, ALARM).map(inputs)) {
            const wanted = [alarm.namespace, alarm.metricName, ...Object.entries(alarm.dimensions).flat()];
            const found = lines.find((l) => JSON.stringify(l.slice(0, -1)) === JSON.stringify(wanted) && (l.at(-1) as { stat: string }).stat === alarm.statistic);
            assert.ok(found, `the dashboard graphs ${wanted.join(" ")} (${alarm.statistic})`);
        }
    });

    it("puts an alarm status widget on top listing the given alarms", async () => {
        const result = await runInline(() => {
            const alarms = new Alarms("shop-alarms");
            alarms.lambdaErrors("api-errors", { functionName: "shop-api" });
            alarms.lambdaThrottles("api-throttles", { functionName: "shop-api" });
            new Dashboard("shop-dashboard", {
                description: "Shop: the API and its function. Runbook: docs/runbook.md",
                alarmArns: alarms.alarms.map((a) => a.arn),
                sections: [{ kind: "lambda", title: "Functions", functions: { api: "shop-api" } }],
            });
        }, { mode: "apply" });
        const [text, alarmWidget] = body(result).widgets;
        assert.deepStrictEqual([text.type, text.properties.markdown, text.y], ["text", "Shop: the API and its function. Runbook: docs/runbook.md", 0]);
        assert.strictEqual(alarmWidget.type, "alarm");
        assert.deepStrictEqual(alarmWidget.properties.alarms.sort(), ofType(result, ALARM).map((a) => a.outputs.arn).sort());
        assert.ok(graphs(result).every((g) => g.y >= alarmWidget.y + alarmWidget.height), "graphs below the alarms");
    });

    it("lays graphs out three to a row without overlap, each section below the previous one", async () => {
        const result = await run({
            sections: [
                { kind: "lambda", title: "Functions", functions: { a: "fa", b: "fb" } },
                { kind: "dynamodb", title: "Tables", tables: { orders: "orders" } },
            ],
        });
        const widgets = body(result).widgets;
        const cells = new Set<string>();
        for (const w of widgets) {
            assert.ok(w.x + w.width <= 24, `${w.properties.title ?? w.properties.markdown} fits the 24-column grid`);
            for (let x = w.x; x < w.x + w.width; x++) for (let y = w.y; y < w.y + w.height; y++) {
                assert.ok(!cells.has(`${x},${y}`), `overlap at ${x},${y}`);
                cells.add(`${x},${y}`);
            }
        }
        const tablesHeader = widgets.find((w) => w.properties.markdown === "## Tables")!;
        const functionGraphs = widgets.filter((w) => w.type === "metric" && w.y < tablesHeader.y);
        assert.strictEqual(functionGraphs.length, 6, "six function graphs above the tables");
        assert.deepStrictEqual(graph(result, "Invocations").properties.metrics.map((m: unknown[]) => [m[3], (m.at(-1) as { label: string }).label]), [["fa", "a"], ["fb", "b"]]);
    });

    it("reads CloudFront and CLOUDFRONT-scope WAF metrics in us-east-1 (Region Global), regional WAF with its Region dimension", async () => {
        const result = await run({
            sections: [
                { kind: "cloudfront", title: "CDN", distributionId: "E123" },
                { kind: "waf", title: "Edge WAF", webAclName: "edge", scope: "CLOUDFRONT" },
                { kind: "waf", title: "API WAF", webAclName: "api", scope: "REGIONAL", region: "eu-west-1" },
            ],
        });
        const cdn = graph(result, "Requests", "CDN").properties.metrics[0];
        assert.deepStrictEqual(cdn, ["AWS/CloudFront", "Requests", "DistributionId", "E123", "Region", "Global", { stat: "Sum", label: "Requests", region: "us-east-1" }]);
        assert.deepStrictEqual(graph(result, "Requests", "Edge WAF").properties.metrics[1], ["AWS/WAFV2", "BlockedRequests", "WebACL", "edge", "Rule", "ALL", { stat: "Sum", label: "Blocked", region: "us-east-1" }]);
        assert.deepStrictEqual(graph(result, "Requests", "API WAF").properties.metrics[1].slice(2, 8), ["WebACL", "api", "Rule", "ALL", "Region", "eu-west-1"]);
        assert.ok(!graphs(result).some((g) => g.properties.title === "Blocked by rule"), "no rule graph without rules");
    });

    it("graphs what a system's own rules of a shared web ACL blocked, rule by rule", async () => {
        const result = await run({
            sections: [{ kind: "waf", title: "Shared WAF", webAclName: "shared", scope: "REGIONAL", region: "us-east-1", rules: { login: "shared-pad-login", register: "shared-pad-register" } }],
        });
        assert.deepStrictEqual(graph(result, "Blocked by rule", "Shared WAF").properties.metrics, [
            ["AWS/WAFV2", "BlockedRequests", "WebACL", "shared", "Rule", "shared-pad-login", "Region", "us-east-1", { stat: "Sum", label: "login" }],
            ["AWS/WAFV2", "BlockedRequests", "WebACL", "shared", "Rule", "shared-pad-register", "Region", "us-east-1", { stat: "Sum", label: "register" }],
        ]);
    });

    it("graphs a bucket's daily size in GiB with the alarm's expression and threshold, and its prefix request metrics", async () => {
        const result = await run({
            sections: [{ kind: "s3", title: "Assets", bucketName: "assets", storageTypes: ["StandardStorage", "GlacierInstantRetrievalStorage"], sizeAlarmGib: 100, requestFilterId: "user-uploads" }],
        });
        const size = graph(result, "Bucket size (GiB)");
        assert.strictEqual(size.properties.period, 86400, "daily");
        assert.deepStrictEqual(size.properties.metrics.at(-1), [{ expression: "(FILL(size0, 0) + FILL(size1, 0)) / 1073741824", id: "gib", label: "GiB" }]);
        assert.deepStrictEqual(size.properties.metrics[1].at(-1), { stat: "Average", label: "Size (GlacierInstantRetrievalStorage)", id: "size1", visible: false });
        assert.deepStrictEqual(size.properties.annotations, { horizontal: [{ label: "alarm", value: 100 }] });
        assert.deepStrictEqual(graph(result, "Errors", "Assets").properties.metrics.map((m: unknown[]) => m.slice(0, 6)), [
            ["AWS/S3", "4xxErrors", "BucketName", "assets", "FilterId", "user-uploads"], ["AWS/S3", "5xxErrors", "BucketName", "assets", "FilterId", "user-uploads"],
        ]);
    });

    it("graphs failed sign-ins as attempts minus successes, as the sign-in failure alarm computes them", async () => {
        const result = await run({ sections: [{ kind: "cognito", title: "Sign-in", userPoolId: "us-east-1_abc", clientId: "web" }] });
        const lines = graph(result, "Sign-ins").properties.metrics;
        assert.deepStrictEqual(lines[0], ["AWS/Cognito", "SignInSuccesses", "UserPool", "us-east-1_abc", "UserPoolClient", "web", { stat: "SampleCount", label: "Sign-in attempts", id: "attempts" }]);
        assert.deepStrictEqual(lines[2], [{ expression: "attempts - successes", id: "failures", label: "Failed sign-ins" }]);
    });

    it("shows an Aurora cluster's capacity and an RDS instance's free storage", async () => {
        const aurora = await run({ sections: [{ kind: "database", title: "DB", clusterIdentifier: "dn" }] });
        assert.strictEqual(graph(aurora, "Capacity (ACUs)").properties.metrics[0][1], "ServerlessDatabaseCapacity");
        const rds = await run({ sections: [{ kind: "database", title: "DB", dbInstanceIdentifier: "vibe" }] });
        assert.deepStrictEqual(graph(rds, "Free storage").properties.metrics[0].slice(0, 4), ["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "vibe"]);
    });

    it("graphs an alarm's own metrics (alarmMetrics), one graph per watched alarm", async () => {
        const result = await runInline(() => {
            const alarms = new Alarms("shop-alarms");
            alarms.natGatewayErrors("nat-0-errors", { natGatewayId: "nat-0" });
            alarms.lambdaErrors("api-errors", { functionName: "shop-api" });
            new Dashboard("shop-dashboard", { sections: [{ kind: "alarmMetrics", title: "NAT gateways", alarms: alarms.watched.filter((w) => w.helper === "natGatewayErrors") }] });
        }, { mode: "apply" });
        assert.deepStrictEqual(graphs(result).map((g) => g.properties.title), ["nat-0-errors"]);
        assert.deepStrictEqual(graph(result, "nat-0-errors").properties.metrics, [
            ["AWS/NATGateway", "ErrorPortAllocation", "NatGatewayId", "nat-0", { stat: "Sum", label: "ErrorPortAllocation" }],
            ["AWS/NATGateway", "PacketsDropCount", "NatGatewayId", "nat-0", { stat: "Sum", label: "PacketsDropCount" }],
        ]);
    });

    it("builds in preview mode, with unknown names", async () => {
        const result = await runInline(() => {
            const alarms = new Alarms("shop-alarms");
            alarms.lambdaErrors("api-errors", { functionName: "shop-api" });
            new Dashboard("shop-dashboard", { alarmArns: alarms.alarms.map((a) => a.arn), sections: [{ kind: "lambda", title: "Functions", functions: { api: "shop-api" } }] });
        });
        assert.strictEqual(ofType(result, DASHBOARD).length, 1);
    });

    describe("rejects bad arguments before registering anything", () => {
        const cases: [string, DashboardArgs, RegExp][] = [
            ["no sections", { sections: [] }, /Dashboard "shop-dashboard": argument sections: got \[\]; allowed: at least one section/],
            ["an unknown kind", { sections: [{ kind: "redis", title: "Cache" } as never] }, /argument sections\[0\]\.kind: got "redis"; allowed: cloudfront, apiGateway/],
            ["an empty title", { sections: [{ kind: "cloudfront", title: " ", distributionId: "E1" }] }, /argument sections\[0\]\.title/],
            ["no functions", { sections: [{ kind: "lambda", title: "F", functions: {} }] }, /argument sections\[0\]\.functions: got \{\}; allowed: at least one function/],
            ["both database identifiers", { sections: [{ kind: "database", title: "DB", clusterIdentifier: "c", dbInstanceIdentifier: "i" }] }, /exactly one of clusterIdentifier and dbInstanceIdentifier/],
            ["no watched alarms", { sections: [{ kind: "alarmMetrics", title: "NAT", alarms: [] }] }, /argument sections\[0\]\.alarms: got \[\]; allowed: at least one watched alarm/],
            ["a 120 s period", { sections: [{ kind: "cloudfront", title: "CDN", distributionId: "E1" }], periodSeconds: 120 }, /argument periodSeconds: got 120; allowed: 60, 300/],
            ["101 alarms", { sections: [{ kind: "cloudfront", title: "CDN", distributionId: "E1" }], alarmArns: Array.from({ length: 101 }, (_, i) => `arn:${i}`) }, /argument alarmArns: got "101 alarms"; allowed: at most 100/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                await assert.rejects(run(args), message);
            });
        }
    });

    it("documents every argument in its README inputs table", () => {
        assert.deepStrictEqual(readmeInputNames("dashboard"), interfaceProperties("dashboard", "DashboardArgs"));
    });
});
