// Checks the Temporal deployment files against each other and against what the workflows need: the Helm
// values (PostgreSQL for both stores, SQL visibility for the custom search attributes, the UI on), and one
// Temporal version everywhere (Helm values, the setup Job, the compose stack).
// Usage: node temporal.mjs values.yaml values-local.yaml setup-job.yaml compose.yaml
import fs from "node:fs";
import { parse, parseAllDocuments } from "yaml";

const [valuesFile, localFile, jobFile, composeFile] = process.argv.slice(2);
const problems = [];
const read = (file) => {
    try {
        return parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        problems.push(`${file}: ${error.message}`);
        return {};
    }
};
const values = read(valuesFile);
const local = read(localFile);
const compose = read(composeFile);
const job = parseAllDocuments(fs.readFileSync(jobFile, "utf8")).map((d) => d.toJS()).find((o) => o?.kind === "Job");

for (const store of ["default", "visibility"]) {
    const persistence = values?.server?.config?.persistence?.[store];
    if (persistence?.driver !== "sql" || !/^postgres/.test(persistence?.sql?.driver ?? "")) {
        problems.push(`${valuesFile}: server.config.persistence.${store} must be PostgreSQL (driver sql, sql.driver postgres12)`);
    }
    if (persistence?.sql?.tls?.enabled !== true) {
        problems.push(`${valuesFile}: server.config.persistence.${store}.sql.tls.enabled must be true (managed PostgreSQL over TLS)`);
    }
    if (!persistence?.sql?.existingSecret) {
        problems.push(`${valuesFile}: server.config.persistence.${store}.sql.existingSecret must name the password's Secret`);
    }
    if (local?.server?.config?.persistence?.[store]?.sql?.host === undefined) {
        problems.push(`${localFile}: server.config.persistence.${store}.sql.host must point at the local cluster's PostgreSQL`);
    }
}
if (values?.web?.enabled !== true) problems.push(`${valuesFile}: web.enabled must be true (ops use the Temporal UI)`);
for (const bundled of ["elasticsearch", "cassandra", "mysql"]) {
    if (values?.[bundled]?.enabled !== false) problems.push(`${valuesFile}: ${bundled}.enabled must be false (PostgreSQL holds both stores)`);
}

const serverTag = values?.server?.image?.tag;
const adminTag = values?.admintools?.image?.tag;
if (!serverTag || !adminTag) problems.push(`${valuesFile}: server.image.tag and admintools.image.tag must be pinned`);
if (adminTag && serverTag && !adminTag.startsWith(`${serverTag}-`)) {
    problems.push(`${valuesFile}: admintools ${adminTag} is not the tools of server ${serverTag}`);
}
const jobImage = job?.spec?.template?.spec?.containers?.[0]?.image;
if (jobImage !== `temporalio/admin-tools:${adminTag}`) {
    problems.push(`${jobFile}: image ${jobImage} must be temporalio/admin-tools:${adminTag}, as the Helm values`);
}
const services = compose?.services ?? {};
if (services.temporal?.image !== `temporalio/auto-setup:${serverTag}`) {
    problems.push(`${composeFile}: temporal image ${services.temporal?.image} must be temporalio/auto-setup:${serverTag}, as the Helm values`);
}
if (services["temporal-setup"]?.image !== `temporalio/admin-tools:${adminTag}`) {
    problems.push(`${composeFile}: temporal-setup image must be temporalio/admin-tools:${adminTag}, as the Helm values`);
}
if (services["temporal-ui"]?.image !== `temporalio/ui:${values?.web?.image?.tag}`) {
    problems.push(`${composeFile}: temporal-ui image must be temporalio/ui:${values?.web?.image?.tag}, as the Helm values`);
}
for (const name of ["api", "worker", "gpu-worker", "postgresql", "valkey", "temporal", "temporal-ui"]) {
    if (!services[name]) problems.push(`${composeFile}: service ${name} is missing`);
}

if (problems.length > 0) {
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
}
console.log(`Temporal files consistent: server ${serverTag}, admin tools ${adminTag}, UI ${values.web.image.tag}`);
