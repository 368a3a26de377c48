/** The KurrentDB the real-server suite runs in a container: a published LTS release, as docker-compose.yml runs. */
export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-lts/kurrentdb:26.0.3';
