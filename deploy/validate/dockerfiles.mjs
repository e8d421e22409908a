// Validates the Dockerfiles: the Dockerfile linter of VS Code's Docker extension (dockerfile-utils: unknown
// instructions, bad flags, malformed arguments), then the rules every image of this project follows.
// Usage: node dockerfiles.mjs file.Dockerfile...   Exit status 1 with one line per problem.
import fs from "node:fs";
import path from "node:path";
import { validate } from "dockerfile-utils";
import { DockerfileParser } from "dockerfile-ast";

let failed = 0;
for (const file of process.argv.slice(2)) {
    const problems = check(fs.readFileSync(file, "utf8"), path.basename(file));
    if (problems.length > 0) {
        failed++;
        for (const problem of problems) console.error(`  ${file}: ${problem}`);
    } else {
        console.log(`${file}: valid`);
    }
}
process.exit(failed > 0 ? 1 : 0);

function check(text, name) {
    const problems = validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    const dockerfile = DockerfileParser.parse(text);
    const froms = dockerfile.getFROMs();
    if (froms.length === 0) return [...problems, "no FROM"];
    const stages = new Set(froms.map((f) => f.getBuildStage()).filter(Boolean));
    for (const from of froms) {
        const image = from.getImage() ?? "";
        if (!stages.has(image) && (!/:[^/]+$/.test(image) || image.endsWith(":latest"))) {
            problems.push(`line ${from.getRange().start.line + 1}: base image ${image} must name a version`);
        }
    }
    if (froms.length < 2) {
        problems.push("must be multi-stage: build in one stage, run from a runtime-only stage");
    }
    // The final stage's instructions.
    const last = froms[froms.length - 1];
    const lastLine = last.getRange().start.line;
    const final = dockerfile.getInstructions().filter((i) => i.getRange().start.line >= lastLine);
    const keyword = (k) => final.filter((i) => i.getKeyword() === k);
    const user = keyword("USER").pop()?.getArgumentsContent()?.split(":")[0];
    if (!user || user === "root" || user === "0") {
        problems.push("the final stage must switch to a non-root USER");
    }
    const healthcheck = keyword("HEALTHCHECK").pop();
    if (!healthcheck || /^\s*NONE\b/i.test(healthcheck.getArgumentsContent() ?? "")) {
        problems.push("the final stage needs a HEALTHCHECK");
    }
    const entrypoint = keyword("ENTRYPOINT").pop();
    if (!entrypoint || !entrypoint.getArgumentsContent().trim().startsWith("[")) {
        problems.push("ENTRYPOINT must be in exec form, so that java is PID 1 and receives SIGTERM");
    }
    // A Java 21 runtime: Temurin's JRE 21 image, or its JRE copied from one.
    const imageOf = (stage) => froms.find((f) => f.getBuildStage() === stage)?.getImage() ?? stage;
    const jre21 = (image) => /^eclipse-temurin:21-jre/.test(image ?? "");
    const copiedJre = keyword("COPY").some((c) => {
        const from = c.getFlags().find((f) => f.getName() === "from")?.getValue();
        return from && jre21(imageOf(from)) && c.getArgumentsContent().includes("/opt/java/openjdk");
    });
    if (!jre21(last.getImage()) && !copiedJre) {
        problems.push("the final stage must run on a Java 21 runtime (eclipse-temurin:21-jre)");
    }
    if (name.startsWith("gpu-worker")) {
        if (!/^nvidia\/cuda:12\./.test(last.getImage() ?? "")) {
            problems.push("the gpu worker runs on a CUDA 12 base image (nvidia/cuda:12.*)");
        }
        if (!dockerfile.getInstructions().some((i) => i.getKeyword() === "RUN" && /\s-Dgpu\b/.test(i.getArgumentsContent() ?? ""))) {
            problems.push("the gpu worker is built with -Dgpu (ONNX Runtime's CUDA build, onnxruntime_gpu)");
        }
    }
    return problems;
}
