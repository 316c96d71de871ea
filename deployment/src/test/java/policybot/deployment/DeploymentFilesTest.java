package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The container and Kubernetes files say what the server does: its port, its probes, its user. */
class DeploymentFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int SERVER_PORT = 3978;
    private static final List<String> SERVER_PROBES = List.of("/healthz", "/readyz");

    private static String read(String name) throws IOException {
        return Files.readString(Path.of(name));
    }

    @Test
    void theImageRunsAsANonRootUserOnTheServersPortWithAHealthCheck() throws IOException {
        String docker = read("Dockerfile");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(docker);
        assertTrue(user.find(), "the image names a user");
        String who = user.group(1).split(":")[0];
        assertFalse(who.equals("root") || who.equals("0"), "the image runs as " + who);
        assertTrue(docker.contains("EXPOSE " + SERVER_PORT));
        assertTrue(docker.contains("POLICYBOT_PORT=" + SERVER_PORT));
        assertTrue(docker.matches("(?s).*HEALTHCHECK.*127\\.0\\.0\\.1:" + SERVER_PORT + "/healthz.*"));
        assertTrue(docker.matches("(?s).*FROM [^\\n]+ AS build.*FROM .*"), "multi-stage");
        assertTrue(docker.contains("MaxRAMPercentage"), "the JVM is sized for a container");
    }

    @Test
    void theImageStartsFromTheAheadOfTimeCacheItsBuildMakes() throws IOException {
        String docker = read("Dockerfile");
        Matcher made = Pattern.compile("(?m)^RUN sh (\\S+aot-cache\\.sh) (\\S+) (\\S+\\.aot)").matcher(docker);
        assertTrue(made.find(), "the image trains its cache with aot-cache.sh");
        assertTrue(docker.contains("COPY deployment/aot-cache.sh " + made.group(1)), "the script is copied where it is run");
        assertTrue(Files.isRegularFile(Path.of("aot-cache.sh")));
        Matcher entry = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]").matcher(docker);
        assertTrue(entry.find());
        assertTrue(entry.group(1).contains("\"-XX:AOTCache=" + made.group(3) + "\""), entry.group(1));
        assertTrue(entry.group(1).contains("\"" + made.group(2) + "\""), "the cache is made for the jar that runs");
        // the training run sees the options the server runs with: they are set before it
        assertTrue(docker.indexOf("JAVA_TOOL_OPTIONS=") < made.start(), "the JVM options are set before the training run");
    }

    @Test
    void theDeploymentHasTwoReplicasProbesOnRealEndpointsAndNoRoot() throws IOException {
        JsonNode d = YAML.readTree(read("kubernetes/deployment.yaml"));
        assertEquals("Deployment", d.path("kind").asText());
        assertEquals(2, d.path("spec").path("replicas").asInt());
        JsonNode pod = d.path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode container = pod.path("containers").get(0);
        assertEquals(SERVER_PORT, container.path("ports").get(0).path("containerPort").asInt());
        String ready = container.path("readinessProbe").path("httpGet").path("path").asText();
        String live = container.path("livenessProbe").path("httpGet").path("path").asText();
        assertTrue(SERVER_PROBES.contains(ready) && SERVER_PROBES.contains(live), ready + " " + live);
        assertFalse(container.path("resources").path("limits").path("memory").isMissingNode());
        assertTrue(container.path("envFrom").toString().contains("secretRef"));
    }

    @Test
    void theOtherManifestsAreThereAndParse() throws IOException {
        assertEquals("PodDisruptionBudget", YAML.readTree(read("kubernetes/pdb.yaml")).path("kind").asText());
        assertEquals("Service", YAML.readTree(read("kubernetes/service.yaml")).path("kind").asText());
        assertEquals(String.valueOf(SERVER_PORT),
                YAML.readTree(read("kubernetes/configmap.yaml")).path("data").path("POLICYBOT_PORT").asText());
        JsonNode secret = YAML.readTree(read("kubernetes/secret.example.yaml"));
        secret.path("stringData").fields().forEachRemaining(e -> assertTrue(
                e.getValue().asText().isEmpty() || !e.getKey().matches(".*(TOKEN|SECRET|PASSWORD).*"),
                "the example secret carries no secret value: " + e.getKey()));
        JsonNode compose = YAML.readTree(read("compose.yaml"));
        assertTrue(compose.path("services").has("postgres"));
    }
}
