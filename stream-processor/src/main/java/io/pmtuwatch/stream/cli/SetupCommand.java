package io.pmtuwatch.stream.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.pmtuwatch.stream.sink.ElasticsearchClients;
import io.pmtuwatch.stream.sink.ElasticsearchSettings;
import io.pmtuwatch.stream.sink.IndexTemplates;
import io.pmtuwatch.stream.sink.kibana.ImportResult;
import io.pmtuwatch.stream.sink.kibana.KibanaImporter;
import io.pmtuwatch.stream.sink.kibana.SavedObjectsBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Install the Elasticsearch index and component templates and import the Kibana dashboards "
                + "(idempotent: run it again after an upgrade).")
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ElasticsearchOptions elasticsearch;

    @Option(names = "--kibana",
            defaultValue = "${env:PMTU_KIBANA_URL:-${env:KIBANA_URL:-http://localhost:5601}}",
            description = {"Kibana URL (env PMTU_KIBANA_URL).", "Default: ${DEFAULT-VALUE}"})
    String kibanaUrl;

    @Option(names = "--kibana-space",
            defaultValue = "${env:PMTU_KIBANA_SPACE:-${env:KIBANA_SPACE:-default}}",
            description = "Kibana space to import into (env PMTU_KIBANA_SPACE). Default: ${DEFAULT-VALUE}")
    String space;

    @Option(names = "--skip-templates", description = "Only import the dashboards.")
    boolean skipTemplates;

    @Option(names = "--skip-kibana", description = "Only install the Elasticsearch templates.")
    boolean skipKibana;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ElasticsearchSettings settings;
        try {
            settings = elasticsearch.settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!skipTemplates) {
            ElasticsearchClient client = ElasticsearchClients.create(settings);
            try {
                IndexTemplates.install(client);
            } catch (IOException e) {
                err.println("Elasticsearch templates not installed: Elasticsearch at " + settings.urls()
                        + " is unreachable or refused the request (" + e.getMessage() + ")");
                return 3;
            } finally {
                client._transport().close();
            }
            out.println("Elasticsearch: index and component templates installed at " + settings.urls());
        }
        if (skipKibana) {
            return 0;
        }
        // Kibana usually shares the Elasticsearch credentials (API key or user); same options.
        KibanaImporter importer = KibanaImporter.create(new KibanaImporter.Connection(URI.create(kibanaUrl), space,
                settings.apiKey(), settings.username(), settings.password()));
        byte[] ndjson = SavedObjectsBundle.load();
        ImportResult result;
        try {
            result = importer.importNdjson(SavedObjectsBundle.FILE_NAME, ndjson);
        } catch (KibanaImporter.KibanaException e) {
            err.println("Dashboards not imported: " + e.getMessage());
            return 4;
        }
        if (!result.success() || !result.errors().isEmpty()) {
            err.println("Kibana imported " + result.successCount() + " of " + SavedObjectsBundle.objectCount(ndjson)
                    + " saved objects and refused " + result.errors().size() + ":" + result.describeErrors());
            return 5;
        }
        out.println("Kibana: " + result.successCount() + " saved objects imported into space '" + space + "' at "
                + kibanaUrl + " (dashboard: Path MTU / MSS overview)");
        return 0;
    }
}
