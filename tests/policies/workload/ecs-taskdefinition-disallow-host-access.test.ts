import { describePolicy, res, UNKNOWN } from "../support/spec";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const hardened = { name: "api", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2", essential: true, readonlyRootFilesystem: true, privileged: false, linuxParameters: { capabilities: { drop: ["ALL"] } } };
const task = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ family: "api", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512", containerDefinitions: JSON.stringify(containers), ...extra });

describePolicy("aws-ecs-taskdefinition-disallow-host-access", {
    level: "mandatory",
    description: /no privileged container, add no SYS_ADMIN\/ALL capability, and share no host network, PID or IPC namespace/,
    compliant: [res(TASK, "api", task([hardened, { name: "log-router", image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", essential: false }]))],
    alsoCompliant: [{ title: "a container adds a harmless capability", change: (f) => (f[0].props = task([{ ...hardened, linuxParameters: { capabilities: { add: ["NET_BIND_SERVICE"] } } }])) }],
    cases: [
        { title: "a privileged container", break: (f) => (f[0].props = task([hardened, { name: "debug", image: "busybox", privileged: true }])), expect: /container "debug" is privileged/ },
        { title: "host network mode", break: (f) => (f[0].props = task([hardened], { networkMode: "host", requiresCompatibilities: ["EC2"] })), expect: /uses networkMode "host": its containers share the host's network stack/ },
        { title: "host PID mode", break: (f) => (f[0].props = task([hardened], { pidMode: "host" })), expect: /uses pidMode "host": its containers share the host's process namespace/ },
        { title: "host IPC mode", break: (f) => (f[0].props = task([hardened], { ipcMode: "host" })), expect: /ipcMode "host"/ },
        { title: "an added SYS_ADMIN capability", break: (f) => (f[0].props = task([{ ...hardened, linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } } }])), expect: /container "api" adds the SYS_ADMIN capability/ },
        { title: "privileged given as the object form", break: (f) => (f[0].props.containerDefinitions = [{ ...hardened, privileged: true }]), expect: /container "api" is privileged/ },
    ],
    pending: [
        { title: "the container definitions are unknown", break: (f) => (f[0].props.containerDefinitions = UNKNOWN) },
        { title: "the network mode is unknown", break: (f) => (f[0].props.networkMode = UNKNOWN) },
    ],
});
