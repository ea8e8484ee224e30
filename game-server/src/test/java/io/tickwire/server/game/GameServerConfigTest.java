package io.tickwire.server.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwire.net.InMemoryNetwork;
import io.tickwire.net.ServerConfig;
import io.tickwire.net.protocol.ChannelType;
import io.tickwire.net.protocol.ConnectionConfig;
import io.tickwire.net.sim.ManualClock;
import io.tickwire.server.GameServerConfig;
import org.junit.jupiter.api.Test;

/** Mismatches between the net-core config, the schema and the limits are refused at build time, naming the fix. */
class GameServerConfigTest {

    private final ManualClock clock = new ManualClock(1);
    private final InMemoryNetwork network = new InMemoryNetwork(clock);

    private GameServerConfig.Builder valid() {
        return GameServerConfig.builder().server(GameHarness.serverConfig(network, clock).build()).schema(GameHarness.SCHEMA);
    }

    private static String refused(GameServerConfig.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void defaultsFitOnePacketAndMatchTheClientDefaults() {
        GameServerConfig c = valid().build();
        assertEquals(1100, c.snapshotByteBudget());
        assertEquals(32, c.snapshotRingSize());
        assertEquals(32, c.maxInputBytes());
        assertEquals(32, c.inputBufferTicks());
        assertEquals(GameHarness.SCHEMA.maxEntityId() + 1, c.maxWorldEntities());
    }

    @Test
    void aServerConfigWithoutTheSchemaHashIsRefusedSayingWhatToCall() {
        ServerConfig noHash = ServerConfig.builder().inMemory(network).connection(GameHarness.CONNECTION)
                .registry(GameHarness.REGISTRY).clock(clock).build();
        String m = refused(GameServerConfig.builder().server(noHash).schema(GameHarness.SCHEMA));
        assertTrue(m.contains("ServerConfig.schemaHash is 0") && m.contains(GameHarness.SCHEMA.hashHex())
                && m.contains(".schemaHash(schema.hash())"), m);
    }

    @Test
    void aConnectionWithoutTheGameChannelsIsRefused() {
        ConnectionConfig wrong = ConnectionConfig.builder().addChannel(ChannelType.RELIABLE_ORDERED).build();
        ServerConfig s = ServerConfig.builder().inMemory(network).connection(wrong).registry(GameHarness.REGISTRY)
                .schemaHash(GameHarness.SCHEMA.hash()).clock(clock).build();
        String m = refused(GameServerConfig.builder().server(s).schema(GameHarness.SCHEMA));
        assertTrue(m.startsWith("ServerConfig.connection: ") && m.contains("GameChannels.builder()"), m);
    }

    @Test
    void aSnapshotBudgetBeyondOnePacketIsRefusedNamingTheLargestThatFits() {
        String m = refused(valid().snapshotByteBudget(1180));
        assertTrue(m.contains("snapshotByteBudget 1180") && m.contains("maxUnfragmentedMessageSize is 1186")
                && m.contains("at most 1177"), m);
        assertEquals(1177, valid().snapshotByteBudget(1177).build().snapshotByteBudget());
    }

    @Test
    void badLimitsAreRefusedByName() {
        assertTrue(refused(valid().snapshotRingSize(24)).contains("snapshotRingSize"));
        assertTrue(refused(valid().maxInputBytes(300)).contains("maxInputBytes"));
        assertTrue(refused(valid().maxInputBytes(0)).contains("maxInputBytes"));
        assertTrue(refused(valid().inputBufferTicks(0)).contains("inputBufferTicks"));
        assertTrue(refused(valid().maxEntitiesPerSnapshot(257)).contains("maxEntitiesPerSnapshot must be 1..256"));
        assertTrue(refused(valid().maxWorldEntities(-1)).contains("maxWorldEntities"));
        assertTrue(refused(GameServerConfig.builder().schema(GameHarness.SCHEMA)).contains("server"));
        assertTrue(refused(GameServerConfig.builder().server(GameHarness.serverConfig(network, clock).build()))
                .contains("schema"));
    }
}
