package org.coldwatch.demo;

import java.util.List;
import org.coldwatch.server.fleet.Store;
import org.coldwatch.sim.standin.RandomWalkRoom;

/** The three village cold stores of the demo, each with one gateway and one room. */
final class DemoStores {

    /**
     * One demo store.
     *
     * @param store     the store as the server knows it
     * @param gatewayId its gateway
     * @param room      what its room holds
     */
    record DemoStore(Store store, String gatewayId, RandomWalkRoom.Setup room) {
    }

    static final List<DemoStore> ALL = List.of(
            new DemoStore(new Store("store-lijiacun", "李家村果蔬保鲜库", "示范县/东河镇/李家村"), "gw-lijiacun-01",
                    RandomWalkRoom.Setup.apples("room1", 4_800)),
            // Cabbage: 0 °C, 98–100 % RH (USDA AH-66 via DOMAIN.md), held a little dry at 97 %. Shrink by the
            // DOMAIN.md transpiration model, k_t = 223 mg/(kg·s·MPa), e_s(0 °C) = 6.112 hPa (Buck 1996):
            // 223 × (0.03 × 0.0006112 MPa) × 8.64 ≈ 0.035 %/day.
            new DemoStore(new Store("store-wangzhuang", "王庄移动保鲜库", "示范县/西岭镇/王庄村"), "gw-wangzhuang-01",
                    new RandomWalkRoom.Setup("room1", 0.0, 97.0, 2_300, 0.035)),
            // Table potatoes: 4–7.5 °C, 95–98 % RH (USDA AH-66 via DOMAIN.md). Shrink with k_t = 25
            // mg/(kg·s·MPa), e_s(5 °C) = 8.724 hPa: 25 × (0.05 × 0.0008724 MPa) × 8.64 ≈ 0.0094 %/day.
            new DemoStore(new Store("store-zhangwan", "张湾村马铃薯冷库", "示范县/东河镇/张湾村"), "gw-zhangwan-01",
                    new RandomWalkRoom.Setup("room1", 5.0, 95.0, 12_500, 0.0094)));

    private DemoStores() {
    }
}
