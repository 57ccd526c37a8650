import { describePolicy, res, UNKNOWN } from "../support/spec";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const api = { name: "api", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2", readonlyRootFilesystem: true, mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }] };
const task = (containers: unknown[], extra: Record<string, unknown> = {}) => ({ family: "api", networkMode: "awsvpc", containerDefinitions: JSON.stringify(containers), volumes: [{ name: "tmp" }], ...extra });

describePolicy("aws-ecs-taskdefinition-readonly-root-filesystem", {
    level: "mandatory",
    description: /sets readonlyRootFilesystem: true/,
    compliant: [res(TASK, "api", task([api, { name: "proxy", image: "envoy", readonlyRootFilesystem: "true" }]))],
    alsoCompliant: [{ title: "a Windows task (readonlyRootFilesystem is not supported there)", change: (f) => (f[0].props = task([{ name: "iis", image: "mcr.microsoft.com/windows/servercore/iis" }], { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" } })) }],
    cases: [
        { title: "a container without readonlyRootFilesystem", break: (f) => (f[0].props = task([api, { name: "proxy", image: "envoy" }])), expect: /container "proxy" has a writable root filesystem/ },
        { title: "readonlyRootFilesystem false", break: (f) => (f[0].props = task([{ ...api, readonlyRootFilesystem: false }])), expect: /container "api" has a writable root filesystem/ },
        { title: "a Linux runtime platform is named", break: (f) => (f[0].props = task([{ ...api, readonlyRootFilesystem: undefined }], { runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" } })), expect: /writable root filesystem/ },
    ],
    pending: [
        { title: "the container definitions are unknown", break: (f) => (f[0].props.containerDefinitions = UNKNOWN) },
        { title: "the flag is unknown", break: (f) => (f[0].props.containerDefinitions = [{ ...api, readonlyRootFilesystem: UNKNOWN }]) },
    ],
});
