/** Checks of the deployment files under deploy/: the Kubernetes manifests read as typed objects. */
package io.thinkwatch.deploy;
