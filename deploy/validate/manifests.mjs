// Validates rendered Kubernetes manifests (the output of `kubectl kustomize <overlay>`):
//   1. every object against the Kubernetes API schema of its kind (kubernetes-models: types, required
//      fields) and for fields the API does not know (the models of the official JavaScript client:
//      a misspelt optional field would otherwise pass, and the API server would drop or refuse it);
//   2. the rules this project holds its workloads to (rules below), which a schema cannot express.
// Usage: node manifests.mjs [--external kind/name,...] rendered.yaml
// Exit status 1 with one line per problem; 0 when there is none.
import fs from "node:fs";
import { parseAllDocuments } from "yaml";
// The model classes only (the package's index needs a newer Node.js for its HTTP client).
import * as apiModels from "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";

const args = process.argv.slice(2);
let external = new Set();
const files = [];
for (let i = 0; i < args.length; i++) {
    if (args[i] === "--external") {
        external = new Set(args[++i].split(",").filter(Boolean));
    } else {
        files.push(args[i]);
    }
}
if (files.length !== 1) {
    console.error("usage: node manifests.mjs [--external Secret/name,ConfigMap/name] rendered.yaml");
    process.exit(2);
}

const problems = [];
const report = (object, message) => problems.push(`${describe(object)}: ${message}`);
const describe = (object) => `${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;

// --- parse ---
const objects = [];
for (const document of parseAllDocuments(fs.readFileSync(files[0], "utf8"))) {
    if (document.errors.length > 0) {
        problems.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
        continue;
    }
    const object = document.toJS();
    if (object === null) {
        continue;
    }
    // kustomize wraps long base64 values over lines; the API server's decoder skips the line breaks.
    if (object.kind === "Secret" && object.data) {
        for (const key of Object.keys(object.data)) {
            object.data[key] = String(object.data[key]).replace(/\s+/g, "");
        }
    }
    objects.push(object);
}
if (objects.length === 0) {
    problems.push("no objects rendered");
}

// --- 1. the API schema of each kind ---
async function model(apiVersion, kind) {
    try {
        const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
        return module[kind];
    } catch {
        return undefined;
    }
}

const seen = new Set();
for (const object of objects) {
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string" || !object.metadata?.name) {
        report(object, "apiVersion, kind and metadata.name are required");
        continue;
    }
    const key = `${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
    if (seen.has(key)) {
        report(object, "defined twice");
    }
    seen.add(key);
    const Model = await model(object.apiVersion, object.kind);
    if (!Model) {
        report(object, `no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
        continue;
    }
    try {
        new Model(object).validate();
    } catch (error) {
        report(object, `schema: ${error.message}`);
    }
}

// Fields the API does not know, found by walking each object along its model's attribute map.
function unknownFields(value, type, path, found) {
    const element = /^Array<(.+)>$/.exec(type);
    if (element) {
        if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, element[1], `${path}[${i}]`, found));
        return;
    }
    const Model = apiModels[type];
    if (!Model?.getAttributeTypeMap || value === null || typeof value !== "object" || Array.isArray(value)) return;
    const attributes = new Map(Model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
    for (const [key, child] of Object.entries(value)) {
        if (attributes.has(key)) {
            unknownFields(child, attributes.get(key), `${path}.${key}`, found);
        } else {
            found.push(`${path}.${key}`);
        }
    }
}
for (const object of objects) {
    const version = String(object.apiVersion ?? "").split("/").pop();
    const type = `${version.charAt(0).toUpperCase()}${version.slice(1)}${object.kind}`;
    if (!apiModels[type]) continue; // reported above: no schema for this kind
    const found = [];
    unknownFields(object, type, "", found);
    for (const path of found) report(object, `unknown field ${path.slice(1)}`);
}

// --- 2. the project's rules ---
const byKind = (kind) => objects.filter((o) => o.kind === kind);
const named = (kind, name) => objects.some((o) => o.kind === kind && o.metadata?.name === name) || external.has(`${kind}/${name}`);
const workloads = objects.filter((o) => ["Deployment", "StatefulSet", "Job"].includes(o.kind));
const podSpec = (workload) => workload.spec?.template?.spec ?? {};
// Whether a label selector (matchLabels and `In` expressions: what these manifests use) selects the labels.
// An empty selector selects nothing here: a Service, PDB or workload must name its pods.
const selects = (selector, labels) => {
    const required = Object.entries(selector?.matchLabels ?? {});
    const expressions = selector?.matchExpressions ?? [];
    return required.length + expressions.length > 0
        && required.every(([k, v]) => labels?.[k] === v)
        && expressions.every((e) => e.operator === "In" && e.values.includes(labels?.[e.key]));
};
// Whether one of the workload's containers declares the port, by name or number.
const declaresPort = (workload, port) => (podSpec(workload).containers ?? []).some((c) =>
    (c.ports ?? []).some((p) => p.name === port || p.containerPort === port));
const seconds = (duration) => {
    const match = /^(\d+)(ms|s|m)$/.exec(String(duration ?? ""));
    if (!match) return undefined;
    const value = Number(match[1]);
    return match[2] === "ms" ? value / 1000 : match[2] === "m" ? value * 60 : value;
};
const configValue = (name) => {
    for (const config of byKind("ConfigMap")) {
        if (config.data && name in config.data) return config.data[name];
    }
    return undefined;
};

for (const workload of workloads) {
    const spec = podSpec(workload);
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    const long = workload.kind !== "Job";

    // Security: the restricted Pod Security Standard.
    if (spec.securityContext?.runAsNonRoot !== true) {
        report(workload, "pod securityContext.runAsNonRoot must be true");
    }
    if (spec.securityContext?.seccompProfile?.type !== "RuntimeDefault") {
        report(workload, "pod securityContext.seccompProfile.type must be RuntimeDefault");
    }
    if (spec.automountServiceAccountToken !== false && workload.metadata.labels?.["app.kubernetes.io/part-of"] === "style-shepherd"
            && !["postgres", "valkey"].includes(workload.metadata.name)) {
        report(workload, "automountServiceAccountToken must be false (the processes call no Kubernetes API)");
    }

    for (const container of containers) {
        const where = `container ${container.name}`;
        if (!/[:@]/.test((container.image ?? "").split("/").pop()) || /:latest$/.test(container.image ?? "")) {
            report(workload, `${where}: image "${container.image}" must name a version (a tag other than latest, or a digest)`);
        }
        const resources = container.resources ?? {};
        if (!resources.requests?.cpu || !resources.requests?.memory) {
            report(workload, `${where}: resources.requests.cpu and .memory are required (scheduling and autoscaling)`);
        }
        if (!resources.limits?.memory) {
            report(workload, `${where}: resources.limits.memory is required`);
        }
        if (container.securityContext?.allowPrivilegeEscalation !== false) {
            report(workload, `${where}: securityContext.allowPrivilegeEscalation must be false`);
        }
        if (!(container.securityContext?.capabilities?.drop ?? []).includes("ALL")) {
            report(workload, `${where}: securityContext.capabilities.drop must include ALL`);
        }
        if (long && !(spec.initContainers ?? []).includes(container)) {
            for (const probe of ["readinessProbe", "livenessProbe"]) {
                if (!container[probe]) {
                    report(workload, `${where}: ${probe} is required`);
                }
            }
        }
        const ports = new Set((container.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
        for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
            const port = container[probe]?.httpGet?.port ?? container[probe]?.tcpSocket?.port;
            if (port !== undefined && !ports.has(port)) {
                report(workload, `${where}: ${probe} port ${port} is not one of the container's ports`);
            }
        }
        // References to Secrets and ConfigMaps must resolve (rendered here, or created outside: --external).
        for (const env of container.env ?? []) {
            const secret = env.valueFrom?.secretKeyRef;
            if (secret && !secret.optional && !named("Secret", secret.name)) {
                report(workload, `${where}: env ${env.name} reads Secret ${secret.name}, which is neither rendered nor declared external`);
            }
            const config = env.valueFrom?.configMapKeyRef;
            if (config && !config.optional && !named("ConfigMap", config.name)) {
                report(workload, `${where}: env ${env.name} reads ConfigMap ${config.name}, which is not rendered`);
            }
        }
        for (const source of container.envFrom ?? []) {
            if (source.configMapRef && !source.configMapRef.optional && !named("ConfigMap", source.configMapRef.name)) {
                report(workload, `${where}: envFrom ConfigMap ${source.configMapRef.name} is not rendered`);
            }
            if (source.secretRef && !source.secretRef.optional && !named("Secret", source.secretRef.name)) {
                report(workload, `${where}: envFrom Secret ${source.secretRef.name} is neither rendered nor declared external`);
            }
        }
        const volumes = new Set([...(spec.volumes ?? []), ...(workload.spec?.volumeClaimTemplates ?? [])]
            .map((v) => v.name ?? v.metadata?.name));
        for (const mount of container.volumeMounts ?? []) {
            if (!volumes.has(mount.name)) {
                report(workload, `${where}: volumeMount ${mount.name} has no volume`);
            }
        }
    }
    for (const volume of spec.volumes ?? []) {
        if (volume.secret && !volume.secret.optional && !named("Secret", volume.secret.secretName)) {
            report(workload, `volume ${volume.name}: Secret ${volume.secret.secretName} is neither rendered nor declared external`);
        }
        if (volume.configMap && !volume.configMap.optional && !named("ConfigMap", volume.configMap.name)) {
            report(workload, `volume ${volume.name}: ConfigMap ${volume.configMap.name} is not rendered`);
        }
    }
    if (workload.kind !== "Job" && !selects(workload.spec?.selector, workload.spec?.template?.metadata?.labels)) {
        report(workload, "spec.selector.matchLabels does not select the pod template's labels");
    }
}

// Temporal workers: Kubernetes must wait longer than the worker drains (TEMPORAL_SHUTDOWN_GRACE), or
// running activities are killed mid-way instead of finishing.
const grace = seconds(configValue("TEMPORAL_SHUTDOWN_GRACE"));
for (const workload of byKind("Deployment")) {
    const spec = podSpec(workload);
    const component = workload.spec?.template?.metadata?.labels?.["app.kubernetes.io/component"];
    if (component !== "worker" && component !== "gpu-worker") continue;
    if (grace === undefined) {
        report(workload, "a Temporal worker needs TEMPORAL_SHUTDOWN_GRACE in a ConfigMap");
    } else if ((spec.terminationGracePeriodSeconds ?? 30) <= grace) {
        report(workload, `terminationGracePeriodSeconds (${spec.terminationGracePeriodSeconds ?? 30}) must exceed TEMPORAL_SHUTDOWN_GRACE (${grace} s)`);
    }
}

for (const service of byKind("Service")) {
    const pods = workloads.filter((w) => selects({ matchLabels: service.spec?.selector }, w.spec?.template?.metadata?.labels));
    if (pods.length === 0) {
        report(service, "its selector matches no workload's pods");
        continue;
    }
    for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        if (!pods.some((w) => declaresPort(w, target))) {
            report(service, `targetPort ${target} is not a port of the pods it selects`);
        }
    }
}
for (const budget of byKind("PodDisruptionBudget")) {
    if (!workloads.some((w) => selects(budget.spec?.selector, w.spec?.template?.metadata?.labels))) {
        report(budget, "its selector matches no workload's pods");
    }
}
for (const autoscaler of byKind("HorizontalPodAutoscaler")) {
    const target = autoscaler.spec?.scaleTargetRef ?? {};
    const workload = objects.find((o) => o.kind === target.kind && o.metadata?.name === target.name);
    if (!workload) {
        report(autoscaler, `scaleTargetRef ${target.kind}/${target.name} is not rendered`);
        continue;
    }
    const usesCpu = (autoscaler.spec?.metrics ?? []).some((m) => m.resource?.name === "cpu");
    if (usesCpu && !podSpec(workload).containers.every((c) => c.resources?.requests?.cpu)) {
        report(autoscaler, "scales on CPU utilisation but its target's containers request no CPU");
    }
    if ((autoscaler.spec?.minReplicas ?? 1) > autoscaler.spec?.maxReplicas) {
        report(autoscaler, "minReplicas exceeds maxReplicas");
    }
}
for (const policy of byKind("NetworkPolicy")) {
    const selector = policy.spec?.podSelector ?? {};
    // An empty podSelector is every pod of the namespace (default-deny-ingress).
    if (!selector.matchLabels && !selector.matchExpressions) continue;
    const pods = workloads.filter((w) => selects(selector, w.spec?.template?.metadata?.labels));
    if (pods.length === 0) {
        report(policy, "its podSelector matches no workload's pods");
        continue;
    }
    for (const rule of policy.spec?.ingress ?? []) {
        for (const port of rule.ports ?? []) {
            if (!pods.every((w) => declaresPort(w, port.port))) report(policy, `port ${port.port} is not a port of every pod it selects`);
        }
    }
}
for (const ingress of byKind("Ingress")) {
    for (const rule of ingress.spec?.rules ?? []) {
        for (const path of rule.http?.paths ?? []) {
            const name = path.backend?.service?.name;
            if (name && !named("Service", name)) {
                report(ingress, `backend Service ${name} is not rendered`);
            }
        }
    }
}

if (problems.length > 0) {
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(`${files[0]}: ${problems.length} problem(s) in ${objects.length} objects`);
    process.exit(1);
}
console.log(`${files[0]}: ${objects.length} objects valid`);
