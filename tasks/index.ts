// Hardhat tasks of Cipher. Each module registers its tasks on import.
import "./deploy";
import "./governance";
import "./governance/help";
import "./market";
import "./staking";
