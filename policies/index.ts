/**
 * The entry the Pulumi CLI runs (`pulumi preview --policy-pack policies`): it constructs the one
 * PolicyPack of the process, which starts the analyzer gRPC server. Everything else imports
 * ./policies instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./policies";

new PolicyPack(packName, {
    policies,
    enforcementLevel: "mandatory",
    description: "Platform guardrails: encryption, public access, transport, tags, data safety, IAM, workload isolation and observability checks for @pulumi/aws 7 programs.",
    displayName: "Platform guardrails",
    provider: "aws",
    tags: ["aws", "security", "platform"],
});
