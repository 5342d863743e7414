package rasd;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * A single OpenSearch node with the standard modules loaded as classpath plugins,
 * the way OpenSearch's own test MockNode does it. The stock distribution loads its
 * modules from a home directory of plugin folders instead; Maven Central only serves
 * the jars, so handing the plugin classes in directly is the simpler route.
 *
 * Usage: java -cp CLASSPATH rasd.RasdNode ENGINE_HOME
 * ENGINE_HOME/config holds opensearch.yml and log4j2.properties (written by Rasd).
 * SIGTERM closes the node cleanly (flushes and releases the data directory lock).
 */
public final class RasdNode extends Node {
    private static final List<Class<? extends Plugin>> MODULES = List.of(
        org.opensearch.transport.Netty4Plugin.class,
        org.opensearch.analysis.common.CommonAnalysisPlugin.class,
        org.opensearch.index.reindex.ReindexPlugin.class,
        org.opensearch.painless.PainlessPlugin.class,
        org.opensearch.index.mapper.MapperExtrasPlugin.class);

    private RasdNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: rasd.RasdNode ENGINE_HOME");
            System.exit(64);
        }
        Path home = Paths.get(args[0]).toAbsolutePath();
        Path config = home.resolve("config");
        Settings settings = Settings.builder()
            .loadFromPath(config.resolve("opensearch.yml"))
            .put("path.home", home.toString())
            .build();
        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> "rasd");
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(environment.settings().get("node.name", "rasd"));
        LogConfigurator.configure(environment);

        RasdNode node = new RasdNode(environment, MODULES);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "rasd-shutdown"));
        try {
            node.start();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("rasd: node started");
        closed.await();
    }
}
