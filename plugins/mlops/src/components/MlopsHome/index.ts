export { MlopsHomePage } from './MlopsHomePage';
