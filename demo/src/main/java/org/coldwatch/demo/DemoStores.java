package org.coldwatch.demo;

import java.util.List;
import org.coldwatch.server.fleet.Store;

/** The three village cold stores of the demo, each with one gateway and a firmware-sim scenario for its room. */
final class DemoStores {

    /**
     * One demo store.
     *
     * @param store     the store as the server knows it
     * @param gatewayId its gateway
     * @param scenario  the built-in firmware-sim scenario its room runs, in real time from the demo's start
     */
    record DemoStore(Store store, String gatewayId, String scenario) {
    }

    static final List<DemoStore> ALL = List.of(
            new DemoStore(new Store("store-lijiacun", "李家村果蔬保鲜库", "示范县/东河镇/李家村"), "gw-lijiacun-01",
                    "normal-week"),
            new DemoStore(new Store("store-wangzhuang", "王庄移动保鲜库", "示范县/西岭镇/王庄村"), "gw-wangzhuang-01",
                    "mobile-road-trip"),
            // This store's humidifier has failed: its humidity sinks and its apples shrink faster than Lijiacun's.
            new DemoStore(new Store("store-zhangwan", "张湾村苹果保鲜库", "示范县/东河镇/张湾村"), "gw-zhangwan-01",
                    "humidifier-failure"));

    private DemoStores() {
    }
}
