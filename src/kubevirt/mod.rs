//! The KubeVirt model: versions, the known API schema, the read-only view of "the VMI
//! spec" over every supported kind, the facts read from it, and the launcher memory overhead.
//!
//! Pure: takes parsed documents, never reads files or talks to a cluster.

pub mod cr;
pub mod explain;
pub mod facts;
pub mod fixes;
pub mod inventory;
pub mod launcher;
pub mod model;
pub mod object;
pub mod overhead;
pub mod plan;
pub mod schema;
pub mod version;
pub mod webhook;

pub use model::ClusterModel;
pub use object::{KubeVirtObject, ObjectKind};
pub use version::KubeVirtVersion;
